import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "McEwen Mining",
    "title": "McEwen Mining reports Q2 2018 production results",
    "date": "2018-07-16",
    "urls": ["https://www.sec.gov/Archives/edgar/data/314203/000110465918045223/a18-16522_2ex99d1.htm"],
}

# Table (line 10 header; 11 gold, 12 silver, 13 GEOs); columns Q2'18, Q1'18, Q4'17, Q3'17, Q2'17.
cols = ["Q2 2018", "Q1 2018", "Q4 2017", "Q3 2017", "Q2 2017"]
gold = ["36,959", "35,069", "48,609", "19,051", "22,191"]
silver = ["772,432", "695,651", "926,739", "749,749", "779,487"]
geo = ["47,258", "44,344", "60,965", "29,047", "32,584"]
r75 = doc.fig(6, "75")  # the ratio the text states
for c, g, s, e in zip(cols, gold, silver, geo):
    au, ag, eq = doc.fig(11, g), doc.fig(12, s), doc.fig(13, e)
    doc.relation("total", f"{c} GEOs = gold oz + silver oz ÷ 75 (the 75:1 ratio the text states)",
                 target=eq, inputs=[au, ag, r75], computed=au.i + ag.i / r75.exact)

# Prose (line 6) restates the Q2 2018 column.
for text, line in [("36,959", 11), ("772,432", 12), ("47,258", 13)]:
    doc.relation("restatement", f"text's Q2 2018 {text} = table Q2 '18",
                 target=doc.fig(6, text), inputs=[doc.fig(line, text)], computed=doc.fig(line, text).i, same=True)

doc.write()
