import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "McEwen Mining",
    "title": "McEwen Mining reports Q3 2018 production results",
    "date": "2018-10-11",
    "urls": ["https://goldseiten.de/artikel/392314--McEwen-Mining-Reports-Q3-2018-Production-Results.html"],
}

# Table: lines 10-12 headers, 13 gold, 14 silver, 15 GEOs; columns Q3 2017, Q3 2018, YTD 2017, YTD 2018, 2018 guidance.
cols = ["Q3 2017", "Q3 2018", "YTD 2017", "YTD 2018"]
gold = ["19,051", "33,806", "61,338", "105,834"]
silver = ["749,749", "745,172", "2,252,003", "2,213,254"]
geo = ["29,047", "43,742", "91,364", "135,344"]
r75 = doc.fig(6, "75")  # the ratio the text states
for c, g, s, e in zip(cols, gold, silver, geo):
    au, ag, eq = doc.fig(13, g), doc.fig(14, s), doc.fig(15, e)
    doc.relation("total", f"{c} GEOs = gold oz + silver oz ÷ 75 (75:1 ratio stated in the text)",
                 target=eq, inputs=[au, ag, r75], computed=au.i + ag.i / r75.exact)
# (The 2018 guidance column is guidance: not listed.)

for text, line in [("33,806", 13), ("745,172", 14), ("43,742", 15), ("135,344", 15)]:
    doc.relation("restatement", f"text {text} = table",
                 target=doc.fig(6, text), inputs=[doc.fig(line, text)], computed=doc.fig(line, text).i, same=True)

cur, prior = doc.fig(15, "135,344"), doc.fig(15, "91,364")
doc.relation("change-in-prose", "nine months GEOs 48% higher = (YTD 2018 ÷ YTD 2017 − 1) × 100",
             target=doc.fig(6, "48%"), inputs=[cur, prior], computed=pct_change(cur.i, prior.i))

# Review addition: the full-year 2018 guidance column (line 13-15) converts at the same 75:1 ratio:
# 128,000 oz gold + 3,225,000 oz silver ÷ 75 = 171,000 GEOs.
g_au, g_ag, g_eq = doc.fig(13, "128,000"), doc.fig(14, "3,225,000"), doc.fig(15, "171,000")
doc.relation("total", "Full Year 2018 guidance GEOs = gold oz + silver oz ÷ 75 (75:1 ratio stated in the text)",
             target=g_eq, inputs=[g_au, g_ag, r75], computed=g_au.i + g_ag.i / r75.exact)

doc.write()
