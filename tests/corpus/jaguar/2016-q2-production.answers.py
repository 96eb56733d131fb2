import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Jaguar Mining",
    "title": "Jaguar Reports Strong Second Quarter Production of 24,222 Ounces of Gold (Q2 2016)",
    "date": "2016-07-12",
    "urls": ["https://it.advfn.com/mercati/TSXV/JAG/notizie/71945621/jaguar-reports-strong-second-quarter-production-of",
             "http://stockjunction.com/9-mining/silver-gold/36308-jaguar-mining-inc-jag-3"],
}

def cells(line):
    return doc.lines[line - 1].split("\t")[1:]

def thousand(f):
    # The table prints every tonnage rounded to the thousand (124,000; 93,000 ...): ±500 t.
    return I(f.value - 500, f.value + 500)

cols = ["Q2 2016 Turmalina", "Q2 2016 Caeté", "Q2 2016 Total", "Q2 2015 Turmalina", "Q2 2015 Caeté", "Q2 2015 Total"]
F = {}
for line, key in [(24, "t"), (25, "g"), (26, "r"), (28, "prod"), (29, "sold"), (31, "prim"), (33, "sec"), (34, "drill")]:
    for k, c in enumerate(cols):
        text = cells(line)[k]
        if text != "-":
            F[key, c] = doc.fig(line, text, nth=cells(line)[:k].count(text) + 1)

notes = {}
for q in ("Q2 2016", "Q2 2015"):
    T_, C_, S_ = f"{q} Turmalina", f"{q} Caeté", f"{q} Total"
    a, b, s = F["t", T_], F["t", C_], F["t", S_]
    doc.relation("sum-of-segments", f"{q} total tonnes milled = Turmalina + Caeté (tonnes printed to the thousand, ±500 t)",
                 target=s, inputs=[a, b], computed=thousand(a) + thousand(b))
    ga, gb, gs = F["g", T_], F["g", C_], F["g", S_]
    doc.relation("weighted-average", f"{q} total head grade = tonnage-weighted Turmalina and Caeté grades (tonnes ±500 t)",
                 target=gs, inputs=[ga, gb, a, b], computed=weighted([(thousand(a), ga.i), (thousand(b), gb.i)]))
    for key, name in [("prod", "gold produced"), ("sold", "gold sold"), ("prim", "primary development"),
                      ("drill", "definition, infill and exploration drilling")]:
        x, y, z = F[key, T_], F[key, C_], F[key, S_]
        doc.relation("sum-of-segments", f"{q} total {name} = Turmalina + Caeté", target=z, inputs=[x, y], computed=x.i + y.i)
    if ("sec", C_) in F:
        x, y, z = F["sec", T_], F["sec", C_], F["sec", S_]
        doc.relation("sum-of-segments", f"{q} total secondary development = Turmalina + Caeté", target=z, inputs=[x, y], computed=x.i + y.i)

# Review addition: totals whose other mine prints "-" (nothing): exploration drift (line 32) in both quarters
# and Q2 2015 secondary development (line 33).
for line, key, q, name in [(32, "drift", "Q2 2016", "exploration drift"), (32, "drift", "Q2 2015", "exploration drift"),
                           (33, "sec", "Q2 2015", "secondary development")]:
    cs = cells(line)
    k0 = 0 if q == "Q2 2016" else 3
    seg = [(cs[k0 + j], k0 + j) for j in (0, 1) if cs[k0 + j] != "-"]
    assert len(seg) == 1, (line, q, cs)
    (text, k), tot = seg[0], cs[k0 + 2]
    x = doc.fig(line, text, nth=cs[:k].count(text) + 1)
    z = doc.fig(line, tot, nth=cs[:k0 + 2].count(tot) + 1)
    doc.relation("sum-of-segments", f"{q} total {name} = Turmalina + Caeté (the other mine prints '-')",
                 target=z, inputs=[x], computed=x.i, same=True)

for c in cols:
    t, g, r, p = F["t", c], F["g", c], F["r", c], F["prod", c]
    comp = p.i / contained_oz(thousand(t), g.i) * 100
    note = ""
    if not comp.meets(r.i):
        note = (f"printed {r.text}%; {p.text} oz ÷ ({t.text} t × {g.text} g/t ÷ 31.1034768) gives "
                f"{float(comp.lo):.1f}–{float(comp.hi):.1f}% even with the tonnes taken ±500 t: the gold produced, "
                f"head grade and recovery printed for this column do not agree (gold produced is probably not the "
                f"metal recovered from the quarter's feed, e.g. gold-in-circuit changes)")
    doc.relation("recovery", f"{c} recovery = gold produced ÷ (tonnes milled × head grade ÷ 31.1034768) (tonnes ±500 t)",
                 target=r, inputs=[p, t, g], computed=comp, note=note)

# Highlights and CEO comment
def chg(line, pct, cur, prior, what):
    doc.relation("change-in-prose", f"{what} {pct} = (Q2 2016 ÷ Q2 2015 − 1) × 100",
                 target=doc.fig(line, pct), inputs=[cur, prior], computed=pct_change(cur.i, prior.i))

P16, P15 = F["prod", "Q2 2016 Total"], F["prod", "Q2 2015 Total"]
for line in (10, 18):
    doc.relation("restatement", f"text (line {line}) 24,222 oz = table Q2 2016 total produced",
                 target=doc.fig(line, "24,222"), inputs=[P16], computed=P16.i, same=True)
    chg(line, "17%", P16, P15, "consolidated gold production up")
doc.relation("restatement", "highlight grade 3.76 g/t = table Q2 2016 total head grade",
             target=doc.fig(11, "3.76"), inputs=[F["g", "Q2 2016 Total"]], computed=F["g", "Q2 2016 Total"].i, same=True)
chg(11, "10%", F["g", "Q2 2016 Total"], F["g", "Q2 2015 Total"], "consolidated head grade up")
doc.relation("restatement", "highlight Turmalina 15,083 oz = table",
             target=doc.fig(12, "15,083"), inputs=[F["prod", "Q2 2016 Turmalina"]], computed=F["prod", "Q2 2016 Turmalina"].i, same=True)
chg(12, "45%", F["prod", "Q2 2016 Turmalina"], F["prod", "Q2 2015 Turmalina"], "Turmalina production up")
doc.relation("restatement", "highlight Turmalina grade 4.10 g/t = table",
             target=doc.fig(12, "4.10"), inputs=[F["g", "Q2 2016 Turmalina"]], computed=F["g", "Q2 2016 Turmalina"].i, same=True)
chg(12, "5%", F["g", "Q2 2016 Turmalina"], F["g", "Q2 2015 Turmalina"], "Turmalina head grade up")
doc.relation("restatement", "highlight primary development 1,857 m = table",
             target=doc.fig(13, "1,857"), inputs=[F["prim", "Q2 2016 Total"]], computed=F["prim", "Q2 2016 Total"].i, same=True)
chg(13, "95%", F["prim", "Q2 2016 Total"], F["prim", "Q2 2015 Total"], "primary development up")
doc.relation("restatement", "highlight drilling 9,219 m = table",
             target=doc.fig(14, "9,219"), inputs=[F["drill", "Q2 2016 Total"]], computed=F["drill", "Q2 2016 Total"].i, same=True)
doc.relation("same-figure", "highlight cash $17.5 million = Cash Balance section $17.5 million",
             target=doc.fig(16, "17.5"), inputs=[doc.fig(37, "17.5")], computed=doc.fig(37, "17.5").i, same=True)
doc.write()
