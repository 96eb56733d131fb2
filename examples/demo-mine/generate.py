#!/usr/bin/env python3
"""Writes streams.csv of the demo mine: daily rows for 2012Q1 and 2012Q2.

ILLUSTRATIVE: the demo mine is fictional; every number it holds is made up to
look like a small silver-lead-zinc mill. Seeded, so the same file every time.
"""
import datetime
import random

rng = random.Random(2012)
rows = ["# ILLUSTRATIVE: the demo mine is fictional; every number here is made up (generate.py).",
        "period,stream,dry_t,Ag_gpt,Pb_pct,Zn_pct,operating_days"]
day = datetime.date(2012, 1, 1)
while day <= datetime.date(2012, 6, 30):
    d = day.isoformat()
    down = day.day == 15 and day.month in (2, 5)  # planned maintenance days
    feed = 0.0 if down else rng.uniform(215, 255)
    ag, pb, zn = rng.uniform(850, 950), rng.uniform(10.5, 12.0), rng.uniform(5.2, 6.2)
    rec_pb, rec_zn = rng.uniform(0.90, 0.94), rng.uniform(0.55, 0.60)
    pbc_pb, znc_zn = rng.uniform(64, 67), rng.uniform(42, 46)
    pbc = feed * pb / 100 * rec_pb / (pbc_pb / 100)
    znc = feed * zn / 100 * rec_zn / (znc_zn / 100)
    pbc_ag, znc_ag = rng.uniform(5000, 5300), rng.uniform(440, 480)
    tails = feed - pbc - znc
    # Tailings assays close the balance of each metal for the day.
    def tail(feed_g, c1, g1, c2, g2):
        return max(0.0, (feed * feed_g - c1 * g1 - c2 * g2) / tails) if tails > 0 else 0.0
    t_ag = tail(ag, pbc, pbc_ag, znc, znc_ag)
    t_pb = tail(pb, pbc, pbc_pb, znc, 1.2)
    t_zn = tail(zn, pbc, 4.5, znc, znc_zn)
    op = "0" if down else "1"
    rows.append(f"{d},ore_mined,{0 if down else rng.uniform(220, 260):.1f},,,,")
    rows.append(f"{d},mill_feed,{feed:.1f},{ag:.0f},{pb:.2f},{zn:.2f},{op}")
    rows.append(f"{d},pb_con,{pbc:.2f},{pbc_ag:.0f},{pbc_pb:.2f},4.50,")
    rows.append(f"{d},zn_con,{znc:.2f},{znc_ag:.0f},1.20,{znc_zn:.2f},")
    rows.append(f"{d},tailings,{tails:.1f},{t_ag:.1f},{t_pb:.3f},{t_zn:.3f},")
    day += datetime.timedelta(days=1)
with open("streams.csv", "w") as f:
    f.write("\n".join(rows) + "\n")
