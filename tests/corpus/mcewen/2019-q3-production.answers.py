import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "McEwen Mining",
    "title": "McEwen Mining reports Q3 2019 production results",
    "date": "2019-10-17",
    "urls": ["https://news.canadianminingreport.com/company/news/mcewen-mining-reports-q3-2019-production-results"],
}

# Table 1: lines 10-11 headers, 12 gold, 13 silver, 14 GEOs.
# Columns: Q1 2018, Q1 2019, Q2 2018, Q2 2019, Q3 2018, Q3 2019, FY 2018, 2019 guidance.
cols = [("Q1 2018", "35,069", "695,651", "44,344", 75),
        ("Q1 2019", "26,938", "703,219", "36,315", 75),
        ("Q2 2018", "36,959", "772,432", "47,258", 75),
        ("Q2 2019", "36,216", "850,525", "45,881", 88),
        ("Q3 2018", "33,806", "745,172", "43,742", 75),
        ("Q3 2019", "35,043", "947,146", "45,930", 87),
        ("FY 2018", "135,203", "3,032,694", "175,640", 75)]
notes = {
    "FY 2018": "printed 175,640; 135,203 gold oz + 3,032,694 silver oz ÷ 75 = 175,638.9 "
               "(175,638.4–175,639.4 over the printed precision): the full-year GEOs are 1 oz higher than "
               "the footnote's ratio gives from the column's own gold and silver (likely a sum of rounded quarterly GEOs)",
}
for c, g, s, e, ratio in cols:
    au, ag, eq = doc.fig(12, g), doc.fig(13, s), doc.fig(14, e)
    r = doc.fig(16, str(ratio))  # footnote (1): the ratio for the column's period
    doc.relation("total", f"{c} GEOs = gold oz + silver oz ÷ {ratio} (footnote (1) ratio)",
                 target=eq, inputs=[au, ag, r], computed=au.i + ag.i / r.exact, note=notes.get(c, ""))
# (2019 guidance column: see the review additions below.)

for text, line in [("35,043", 12), ("947,146", 13), ("45,930", 14)]:
    doc.relation("restatement", f"text Q3 2019 {text} = Table 1",
                 target=doc.fig(6, text), inputs=[doc.fig(line, text)], computed=doc.fig(line, text).i, same=True)

q = [doc.fig(14, "36,315"), doc.fig(14, "45,881"), doc.fig(14, "45,930")]
doc.relation("period-sum", "nine months 2019 GEOs = Q1 2019 + Q2 2019 + Q3 2019 GEOs",
             target=doc.fig(6, "128,125"), inputs=q, computed=total(x.i for x in q))

# Review additions (line 6 and the guidance column).
lo, hi, mid = doc.fig(14, "169,000"), doc.fig(14, "176,000"), doc.fig(6, "172,500")
doc.relation("restatement", "text's revised guidance midpoint 172,500 GEOs = (169,000 + 176,000) ÷ 2 (Table 1 guidance)",
             target=mid, inputs=[lo, hi], computed=(lo.i + hi.i) / 2)
ytd = doc.fig(6, "128,125")
doc.relation("share-in-prose", "nine-month 128,125 GEOs = 74% of the guidance midpoint 172,500",
             target=doc.fig(6, "74%"), inputs=[ytd, mid], computed=ytd.i / mid.i * 100)
doc.relation("same-figure", "text's Q3 2019 ratio 87:1 = footnote (1)'s 87:1 for Q3 2019",
             target=doc.fig(6, "87"), inputs=[doc.fig(16, "87")], computed=doc.fig(16, "87").i, same=True)
# Guidance GEOs at the footnote's 85:1: the range ends are round thousands (±500 oz).
r85 = doc.fig(16, "85")
g_ag = doc.fig(13, "3,225,000")
for g_text, e_text, end in [("131,000", "169,000", "low"), ("138,000", "176,000", "high")]:
    g_au, g_eq = doc.fig(12, g_text), doc.fig(14, e_text)
    g_eq.i = I(g_eq.value - 500, g_eq.value + 500)
    doc.relation("total", f"2019 GEO guidance ({end} end) = gold oz + silver oz ÷ 85 (footnote (1)), ends printed to the thousand",
                 target=g_eq, inputs=[g_au, g_ag, r85], computed=g_au.i + g_ag.i / r85.exact)

doc.write()
