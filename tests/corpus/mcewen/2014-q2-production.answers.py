import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "McEwen Mining",
    "title": "McEwen Mining Q2 2014 production results",
    "date": "2014-07-17",
    "urls": ["http://stockjunction.com/9-mining/silver-gold/33337-07-17-14-mcewen-mining-inc-mux",
             "http://www.stockwatch.com/News/Item.aspx?bid=Z-C:MUX-2194509"],
}

cols = ["Q2 2014", "Q1 2014", "Q2 2013", "YTD 2014"]
table = {"San José 49%": (13, 14, 15), "El Gallo 1": (17, 18, 19), "Total": (21, 22, 23)}
names = ["gold", "silver", "gold eq"]

def cells(line):
    return doc.lines[line - 1].split("\t")[1:]

figs = {}
r60 = doc.fig(27, "60")  # footnote 2: the ratio the equivalents are counted at
for seg, lines in table.items():
    for k, c in enumerate(cols):
        figs[seg, c] = tuple(doc.fig(l, cells(l)[k]) for l in lines)
        g, s, e = figs[seg, c]
        doc.relation("total", f"{seg} {c} gold eq oz = gold oz + silver oz ÷ 60 (footnotes 2, 3)",
                     target=e, inputs=[g, s, r60], computed=g.i + s.i / r60.exact)

for c in cols:
    for m in range(3):
        a, b, t = figs["San José 49%", c][m], figs["El Gallo 1", c][m], figs["Total", c][m]
        doc.relation("sum-of-segments", f"{c} total {names[m]} oz = San José 49% + El Gallo 1",
                     target=t, inputs=[a, b], computed=a.i + b.i)

for seg in table:
    for m in range(3):
        q2, q1, ytd = figs[seg, "Q2 2014"][m], figs[seg, "Q1 2014"][m], figs[seg, "YTD 2014"][m]
        doc.relation("period-sum", f"{seg} year to date 2014 {names[m]} oz = Q1 2014 + Q2 2014",
                     target=ytd, inputs=[q1, q2], computed=q1.i + q2.i)

# Opening paragraph (line 6)
tot = figs["Total", "Q2 2014"]
for text, f in [("31,200", tot[2]), ("18,863", tot[0]), ("740,276", tot[1])]:
    doc.relation("restatement", f"text Q2 2014 {text} = Total Production table",
                 target=doc.fig(6, text), inputs=[f], computed=f.i, same=True)
for pct, c in [("8%", "Q2 2013"), ("3%", "Q1 2014")]:
    p = figs["Total", c][2]
    doc.relation("change-in-prose", f"total gold eq oz {pct} less = (1 − Q2 2014 ÷ {c}) × 100",
                 target=doc.fig(6, pct), inputs=[tot[2], p], computed=-pct_change(tot[2].i, p.i))

# San José paragraph (line 32)
sj = figs["San José 49%", "Q2 2014"]
for text, f in [("23,033", sj[2]), ("10,750", sj[0]), ("737,001", sj[1])]:
    doc.relation("restatement", f"San José text {text} = table",
                 target=doc.fig(32, text), inputs=[f], computed=f.i, same=True)
p = figs["San José 49%", "Q2 2013"][2]
doc.relation("change-in-prose", "San José 9% less than Q2 2013 = (1 − Q2 2014 ÷ Q2 2013 gold eq oz) × 100",
             target=doc.fig(32, "9%"), inputs=[sj[2], p], computed=-pct_change(sj[2].i, p.i))
p = figs["San José 49%", "Q1 2014"][2]
doc.relation("change-in-prose", "San José 1% more than Q1 2014 = (Q2 ÷ Q1 2014 gold eq oz − 1) × 100",
             target=doc.fig(32, "1%"), inputs=[sj[2], p], computed=pct_change(sj[2].i, p.i))
doc.write()
