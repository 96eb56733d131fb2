#!/usr/bin/env python3
"""Writes streams.csv of the demo mine: daily rows for 2012Q1 and 2012Q2.

The rows are measurements: a true plant that balances exactly, plus random
errors of the sizes site.toml declares, plus one planted gross error (the
feed belt scale 8% high on 10-12 March 2012), for `orebook balance`.

ILLUSTRATIVE: the demo mine is fictional; every number it holds is made up to
look like a small silver-lead-zinc mill. Seeded, so the same file every time.
"""
import datetime
import random

rng = random.Random(2012)
# Measurement errors, drawn apart so that the true plant stays the same:
# relative standard deviations as declared in site.toml (sd = ...).
noise = random.Random(754)
SD = {"ore_mined": (0.05, 0, 0, 0), "mill_feed": (0.015, 0.03, 0.02, 0.02),
      "pb_con": (0.01, 0.01, 0.01, 0.03), "zn_con": (0.01, 0.02, 0.03, 0.01),
      "tailings": (0.05, 0.05, 0.05, 0.05)}
# A planted gross error: the feed belt scale reads 8% high for three days.
FAULT = {datetime.date(2012, 3, d) for d in (10, 11, 12)}


def measure(stream, values, day):
    out = [v * (1 + noise.gauss(0, sd)) for v, sd in zip(values, SD[stream])]
    if stream == "mill_feed" and day in FAULT:
        out[0] *= 1.08
    return out

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
    mined, = measure("ore_mined", [0 if down else rng.uniform(220, 260)], day)[:1]
    f_t, f_ag, f_pb, f_zn = measure("mill_feed", [feed, ag, pb, zn], day)
    p_t, p_ag, p_pb, p_zn = measure("pb_con", [pbc, pbc_ag, pbc_pb, 4.50], day)
    z_t, z_ag, z_pb, z_zn = measure("zn_con", [znc, znc_ag, 1.20, znc_zn], day)
    t_t, t_ag, t_pb, t_zn = measure("tailings", [tails, t_ag, t_pb, t_zn], day)
    rows.append(f"{d},ore_mined,{mined:.1f},,,,")
    rows.append(f"{d},mill_feed,{f_t:.1f},{f_ag:.0f},{f_pb:.2f},{f_zn:.2f},{op}")
    rows.append(f"{d},pb_con,{p_t:.2f},{p_ag:.0f},{p_pb:.2f},{p_zn:.2f},")
    rows.append(f"{d},zn_con,{z_t:.2f},{z_ag:.0f},{z_pb:.2f},{z_zn:.2f},")
    rows.append(f"{d},tailings,{t_t:.1f},{t_ag:.1f},{t_pb:.3f},{t_zn:.3f},")
    day += datetime.timedelta(days=1)
with open("streams.csv", "w") as f:
    f.write("\n".join(rows) + "\n")
