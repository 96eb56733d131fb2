import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "McEwen Mining",
    "title": "McEwen Mining Q3 2014 production results",
    "date": "2014-10-23",
    "urls": ["https://mexicominingcenter.com/mcewen-mining-q3-2014-production-results"],
}

cols = ["Q3 2014", "Q2 2014", "Q3 2013", "YTD 2014"]
table = {  # segment: (gold line, silver line, GEO line)
    "San José 49%": (14, 15, 16),
    "El Gallo 1": (18, 19, 20),
    "Total": (22, 23, 24),
}

def cells(line):
    return doc.lines[line - 1].split("\t")[1:]

figs = {}
r60 = doc.fig(28, "60")  # footnote 2: the ratio the equivalents are counted at
for seg, (lg, ls, le) in table.items():
    for k, c in enumerate(cols):
        g, s, e = doc.fig(lg, cells(lg)[k]), doc.fig(ls, cells(ls)[k]), doc.fig(le, cells(le)[k])
        figs[seg, c] = (g, s, e)
        doc.relation("total", f"{seg} {c} gold eq oz = gold oz + silver oz ÷ 60 (footnotes 2, 3)",
                     target=e, inputs=[g, s, r60], computed=g.i + s.i / r60.exact)

for c in cols:
    for m, name in enumerate(["gold", "silver", "gold eq"]):
        a, b, t = figs["San José 49%", c][m], figs["El Gallo 1", c][m], figs["Total", c][m]
        doc.relation("sum-of-segments", f"{c} total {name} oz = San José 49% + El Gallo 1",
                     target=t, inputs=[a, b], computed=a.i + b.i)

# Prose restatements and change
for text, line in [("30,642", 24), ("93,987", 24)]:
    doc.relation("restatement", f"text {text} gold eq oz = Total Production table",
                 target=doc.fig(6, text), inputs=[doc.fig(line, text)], computed=doc.fig(line, text).i, same=True)
eg3, eg2 = figs["El Gallo 1", "Q3 2014"][2], figs["El Gallo 1", "Q2 2014"][2]
doc.relation("restatement", "El Gallo text 6,831 gold eq oz = table",
             target=doc.fig(32, "6,831"), inputs=[eg3], computed=eg3.i, same=True)
doc.relation("change-in-prose", "El Gallo 16% less than Q2 2014 = (1 − Q3 ÷ Q2 2014 gold eq oz) × 100",
             target=doc.fig(32, "16%"), inputs=[eg3, eg2], computed=-pct_change(eg3.i, eg2.i))
doc.write()
