#!/usr/bin/python3
"""What a user would otherwise write: the quarterly aggregates of an orebook
dataset of daily rows with pandas. pandas_report.py DATASET PERIOD [PERIOD ...]

For each quarter (e.g. 2012Q1): tonnes and tonnage-weighted grades of every
stream, ore mined and processed, throughput, head grades, production and
recovery of Ag (both concentrates), Pb (lead concentrate) and Zn (zinc
concentrate). Prints JSON in the shape of `orebook report --streams --format
json` so bench/compare.py can check both give the same numbers.
"""
import json
import sys

import pandas as pd

OZ_T = 31.1034768e-6
LB_T = 0.45359237e-3
METALS = [("Ag", "Ag_gpt", 1e-6, OZ_T, ["pb_con", "zn_con"]),
          ("Pb", "Pb_pct", 1e-2, LB_T, ["pb_con"]),
          ("Zn", "Zn_pct", 1e-2, LB_T, ["zn_con"])]


def main():
    root, periods = sys.argv[1], sys.argv[2:]
    df = pd.read_csv(f"{root}/streams.csv", dtype={"stream": "category"})
    df["period"] = pd.to_datetime(df["period"], format="%Y-%m-%d")
    for _, col, scale, _, _ in METALS:
        df[col + "_t"] = df["dry_t"] * df[col] * scale  # contained metal, tonnes
    out = {"periods": periods, "figures": {}}
    for k, p in enumerate(periods):
        q = pd.Period(p, freq="Q")
        rows = df[(df["period"] >= q.start_time) & (df["period"] <= q.end_time)]
        g = rows.groupby("stream", observed=True).agg(
            {"dry_t": "sum", **{col + "_t": "sum" for _, col, _, _, _ in METALS},
             **{col: "count" for _, col, _, _, _ in METALS}, "period": "count"})
        fig = out["figures"]

        def put(key, value):
            fig.setdefault(key, [None] * len(periods))[k] = value

        days = (q.end_time.normalize() - q.start_time).days + 1
        put("mine.ore_mined", float(g.loc["ore_mined", "dry_t"]))
        feed = g.loc["mill_feed"]
        put("mill.ore_processed", float(feed["dry_t"]))
        put("mill.throughput", float(feed["dry_t"]) / days)
        for sym, col, scale, unit_t, products in METALS:
            put(f"mill.head_grade.{sym}", float(feed[col + "_t"] / feed["dry_t"] / scale))
            produced = sum(float(g.loc[s, col + "_t"]) for s in products)
            put(f"production.{sym}", produced / unit_t)
            put(f"recovery.{sym}", 100 * produced / float(feed[col + "_t"]))
        for stream, r in g.iterrows():
            put(f"stream.{stream}.tonnes", float(r["dry_t"]))
            for sym, col, scale, _, _ in METALS:
                if r[col] == r["period"] and r["dry_t"] > 0:  # every row assayed
                    put(f"stream.{stream}.grade.{sym}", float(r[col + "_t"] / r["dry_t"] / scale))
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
