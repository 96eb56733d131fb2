#!/usr/bin/env python3
"""compare.py OREBOOK.json PANDAS.json: every figure the pandas script computes
must equal orebook's to 1e-9 relative (both sum the same doubles, in different
orders)."""
import json
import sys

ore = json.load(open(sys.argv[1]))
pd_ = json.load(open(sys.argv[2]))
ore_fig = {f["key"]: f["values"] for f in ore["figures"]}
bad = 0
for key, values in pd_["figures"].items():
    mine = ore_fig.get(key)
    if mine is None:
        print(f"missing in orebook: {key}")
        bad += 1
        continue
    for a, b in zip(mine, values):
        if (a is None) != (b is None) or (a is not None and abs(a - b) > 1e-9 * max(1.0, abs(b))):
            print(f"{key}: orebook {a} pandas {b}")
            bad += 1
print(f"compared {len(pd_['figures'])} figures: {'same' if bad == 0 else f'{bad} differ'}")
sys.exit(1 if bad else 0)
