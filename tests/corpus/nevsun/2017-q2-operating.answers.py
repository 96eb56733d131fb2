import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Nevsun Resources Ltd.",
    "title": "Nevsun Reports Increased Copper Production In Bisha Q2 Operating Results",
    "date": "2017-07-13",
    "urls": [
        "https://www.sec.gov/Archives/edgar/data/919991/000147237517000072/exhibit99-1.htm",
        "https://eurobench.com/Forum/Topic/1325267/Grondstoffen_Nevsun-heeft-koper-zink-en-veel-cash.aspx?page=10",
    ],
}
f = doc.fig
LB_PER_T = F(1000) / KG_PER_POUND
COLS = ["YTD 2017", "Q2 2017", "Q1 2017", "Q4 2016"]

def rowfigs(line, texts, scale=1):
    out, seen = [], {}
    for t in texts:
        if t is None:
            out.append(None); continue
        seen[t] = seen.get(t, 0) + 1
        out.append(f(line, t, nth=seen[t], scale=scale))
    return out

ore_m = rowfigs(23, ["1,305,000", "654,000", "651,000", "670,000"])
waste = rowfigs(24, ["6,853,000", "3,739,000", "3,114,000", "2,445,000"])
strip = rowfigs(25, ["5.3", "5.7", "4.8", "3.6"])
milled = rowfigs(27, ["1,189,000", "590,000", "599,000", "579,000"])
zn_g = rowfigs(28, ["5.6", "5.3", "5.9", "5.7"])
cu_g = rowfigs(29, ["0.9", "0.8", "0.9", "0.8"])
zn_r = rowfigs(30, ["64.5", "62.2", "66.6", "63.6"])
cu_r = rowfigs(31, ["42.2", "51.6", "34.0", None])
zn_mlb = rowfigs(34, ["94.9", "43.0", "51.9", "46.5"], scale=10**6)
zn_t = rowfigs(35, ["43,000", "19,500", "23,500", "21,000"])
cu_mlb = rowfigs(36, ["9.9", "5.7", "4.2", None], scale=10**6)
cu_t = rowfigs(37, ["4,500", "2,600", "1,900", None])
pzn_mlb = rowfigs(38, ["87.2", "34.3", "52.9", "35.2"], scale=10**6)
pzn_t = rowfigs(39, ["39,400", "15,400", "24,000", "16,000"])
pcu_mlb = rowfigs(40, ["7.7", "7.7", None, None], scale=10**6)
pcu_t = rowfigs(41, ["3,500", "3,500", None, None])

# prose
doc.relation("restatement", "Q2 2017 copper produced 5.7 million lb = table", f(11, "5.7", scale=10**6), [cu_mlb[1]], cu_mlb[1].i, same=True)
doc.relation("restatement", "Q2 2017 zinc produced 43.0 million lb = table", f(12, "43.0", scale=10**6), [zn_mlb[1]], zn_mlb[1].i, same=True)
doc.relation("restatement", "Q2 2017 payable copper sold 7.7 million lb = table", f(13, "7.7", scale=10**6), [pcu_mlb[1]], pcu_mlb[1].i, same=True)
doc.relation("restatement", "Q2 2017 payable zinc sold 34.3 million lb = table", f(14, "34.3", scale=10**6), [pzn_mlb[1]], pzn_mlb[1].i, same=True)
doc.relation("restatement", "Q2 2017 copper recovery 51.6% = table", f(15, "51.6%"), [cu_r[1]], cu_r[1].i, same=True)
doc.relation("restatement", "Q1 2017 copper recovery 34.0% = table", f(15, "34.0%"), [cu_r[2]], cu_r[2].i, same=True)

# YTD = Q1 + Q2
for name, r in [("ore mined t", ore_m), ("waste mined t", waste), ("ore milled t", milled), ("Zn produced Mlb", zn_mlb),
                ("Zn produced t", zn_t), ("Cu produced Mlb", cu_mlb), ("Cu produced t", cu_t),
                ("payable Zn sold Mlb", pzn_mlb), ("payable Zn sold t", pzn_t)]:
    doc.relation("period-sum", f"YTD 2017 {name} = Q2 2017 + Q1 2017", r[0], [r[1], r[2]], r[1].i + r[2].i)
doc.relation("period-sum", "YTD 2017 payable Cu sold Mlb = Q2 2017 + Q1 2017 ('-' = none)", pcu_mlb[0], [pcu_mlb[1]], pcu_mlb[1].i, same=True)
doc.relation("period-sum", "YTD 2017 payable Cu sold t = Q2 2017 + Q1 2017 ('-' = none)", pcu_t[0], [pcu_t[1]], pcu_t[1].i, same=True)
doc.relation("weighted-average", "YTD 2017 zinc feed grade = Σ milled × grade ÷ Σ milled (Q2, Q1)", zn_g[0], [milled[1], zn_g[1], milled[2], zn_g[2]],
             weighted([(milled[1].i, zn_g[1].i), (milled[2].i, zn_g[2].i)]))
doc.relation("weighted-average", "YTD 2017 copper feed grade = Σ milled × grade ÷ Σ milled (Q2, Q1)", cu_g[0], [milled[1], cu_g[1], milled[2], cu_g[2]],
             weighted([(milled[1].i, cu_g[1].i), (milled[2].i, cu_g[2].i)]))
doc.relation("weighted-average", "YTD 2017 zinc recovery = Σ Zn produced ÷ Σ Zn fed (Q2, Q1)", zn_r[0],
             [zn_mlb[1], zn_mlb[2], milled[1], zn_g[1], milled[2], zn_g[2]],
             (zn_mlb[1].i + zn_mlb[2].i) / (contained_lb(milled[1].i, zn_g[1].i) + contained_lb(milled[2].i, zn_g[2].i)) * 100)
doc.relation("weighted-average", "YTD 2017 copper recovery = Σ Cu produced ÷ Σ Cu fed (Q2, Q1)", cu_r[0],
             [cu_mlb[1], cu_mlb[2], milled[1], cu_g[1], milled[2], cu_g[2]],
             (cu_mlb[1].i + cu_mlb[2].i) / (contained_lb(milled[1].i, cu_g[1].i) + contained_lb(milled[2].i, cu_g[2].i)) * 100)

doc.relation("total", "ore mined in H1 2017 = primary 1,237,000 t + supergene 68,000 t (footnote 1)", ore_m[0], [f(43, "1,237,000"), f(43, "68,000")],
             f(43, "1,237,000").i + f(43, "68,000").i)

NOTES = {
    ("Q2 2017", "payable Zn sold"): "printed 34.3 million lb and 15,400 t: 34.3 Mlb is 15,535–15,581 t (15,600 to the nearest 100 t); 15,350–15,450 t is 33.84–34.06 Mlb. The two printings of Q2 payable zinc sold disagree by about 150 t",
    ("YTD 2017", "payable Zn sold"): "printed 87.2 million lb and 39,400 t: 87.2 Mlb is 39,530–39,576 t; 39,350–39,450 t is 86.75–86.97 Mlb. Carries the Q2 2017 mismatch (34.3 Mlb against 15,400 t); Q1's 52.9 Mlb and 24,000 t agree",
    ("Q4 2016", "Zn in concentrate produced"): "printed 46.5 million lb and 21,000 t: 46.5 Mlb is 21,069–21,115 t (21,100 to the nearest 100 t); 20,950–21,050 t is 46.19–46.41 Mlb",
}
for k, col in enumerate(COLS):
    doc.relation("per-unit", f"{col} strip ratio = waste mined ÷ ore mined (t per t)", strip[k], [waste[k], ore_m[k]], waste[k].i / ore_m[k].i)
    doc.relation("recovery", f"{col} zinc recovery = Zn in concentrate lb ÷ (ore milled × Zn feed grade → lb)", zn_r[k],
                 [zn_mlb[k], milled[k], zn_g[k]], zn_mlb[k].i / contained_lb(milled[k].i, zn_g[k].i) * 100)
    if cu_r[k] is not None:
        doc.relation("recovery", f"{col} copper recovery = Cu in concentrate lb ÷ (ore milled × Cu feed grade → lb)", cu_r[k],
                     [cu_mlb[k], milled[k], cu_g[k]], cu_mlb[k].i / contained_lb(milled[k].i, cu_g[k].i) * 100)
    # tonnes and million pounds of one quantity; the tonnes are printed to the nearest 100 t (every one ends in 00)
    for name, mlb, t in [("Zn in concentrate produced", zn_mlb, zn_t), ("Cu in concentrate produced", cu_mlb, cu_t),
                         ("payable Zn sold", pzn_mlb, pzn_t), ("payable Cu sold", pcu_mlb, pcu_t)]:
        if mlb[k] is None:
            continue
        doc.relation("restatement", f"{col} {name}: million lb = tonnes × 2,204.62 (tonnes to the nearest 100 t)", mlb[k], [t[k]],
                     I(t[k].value - 50, t[k].value + 50) * LB_PER_T, note=NOTES.get((col, name), ""))

doc.write()
