import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Imperial Metals Corporation",
    "title": "Imperial Reports Production Update for 2024 Third Quarter",
    "date": "2024-10-23",
    "urls": ["https://test.gurufocus.com/news/2564339/imperial-reports-production-update-for-2024-third-quarter",
             "https://goldea.capital/imperial-reports-production-update-for-2024-third-quarter",
             "https://pgdailynews.ca/index.php/2024/10/26/imperial-metals-reports-on-production-at-mount-polley-and-red-chris-mines/"],
}
M = 10**6
COL = {1: "Q3 2024", 2: "Q3 2023"}
DAYS = {1: 92, 2: 92}
R = {"t": 15, "tpd": 16, "cu": 17, "au": 18, "rcu": 19, "rau": 20, "pcu": 21, "pau": 22}

def cell(name, col, scale=1):
    cells = doc.lines[R[name] - 1].split("\t")
    text = cells[col]
    return doc.fig(R[name], text, nth=cells[1:col].count(text) + 1, scale=scale)

for c in COL:
    t, tpd = cell("t", c), cell("tpd", c)
    doc.relation("throughput", f"Mount Polley {COL[c]} ore milled per calendar day = tonnes ÷ {DAYS[c]} days",
                 target=tpd, inputs=[t], computed=t.i / DAYS[c])
for c in COL:
    t, cu, rcu, pcu = cell("t", c), cell("cu", c), cell("rcu", c), cell("pcu", c, scale=M)
    doc.relation("recovery", f"Mount Polley {COL[c]} Cu recovery = Cu produced ÷ (tonnes × Cu % → lb)",
                 target=rcu, inputs=[pcu, t, cu], computed=pcu.i / contained_lb(t.i, cu.i) * 100)
    au, rau, pau = cell("au", c), cell("rau", c), cell("pau", c)
    doc.relation("recovery", f"Mount Polley {COL[c]} Au recovery = Au oz ÷ (tonnes × g/t ÷ 31.1034768)",
                 target=rau, inputs=[pau, t, au], computed=pau.i / contained_oz(t.i, au.i) * 100)

# Imperial's production = Mount Polley + 30% of Red Chris
tot_cu, tot_au = doc.fig(4, "15.515"), doc.fig(4, "13,551")
mp_cu, mp_au, rc_cu, rc_au = doc.fig(6, "9.822"), doc.fig(6, "9,527"), doc.fig(6, "5.693"), doc.fig(6, "4,024")
doc.relation("total", "Imperial Q3 2024 copper 15.515 Mlb = Mount Polley 9.822 + 30% Red Chris 5.693",
             target=tot_cu, inputs=[mp_cu, rc_cu], computed=mp_cu.i + rc_cu.i)
doc.relation("total", "Imperial Q3 2024 gold 13,551 oz = Mount Polley 9,527 + 30% Red Chris 4,024",
             target=tot_au, inputs=[mp_au, rc_au], computed=mp_au.i + rc_au.i)
share = doc.fig(6, "30%")
rc100_cu, rc100_au = doc.fig(30, "18.977"), doc.fig(30, "13,414")
doc.relation("share-in-prose", "Imperial's 30% of Red Chris Q3 2024 copper: 5.693 = 30% × 18.977 Mlb",
             target=rc_cu, inputs=[rc100_cu, share], computed=rc100_cu.i * share.exact / 100)
doc.relation("share-in-prose", "Imperial's 30% of Red Chris Q3 2024 gold: 4,024 = 30% × 13,414 oz",
             target=rc_au, inputs=[rc100_au, share], computed=rc100_au.i * share.exact / 100)

for line, text, name, c, nth in [(6, "9.822", "pcu", 1, 1), (6, "9,527", "pau", 1, 1),
                                 (10, "9.822", "pcu", 1, 1), (10, "9,527", "pau", 1, 1),
                                 (24, "9,527", "pau", 1, 1), (24, "11,321", "pau", 2, 1)]:
    p, tb = doc.fig(line, text, nth=nth), cell(name, c)
    doc.relation("restatement", f"prose {text} (line {line}) = Mount Polley table {COL[c]}",
                 target=p, inputs=[tb], computed=tb.i, same=True)
for text, c in [("1.694", 1), ("1.560", 2)]:
    p, tb = doc.fig(24, text, scale=M), cell("t", c)
    doc.relation("restatement", f"prose {text} million tonnes treated = table ore milled {COL[c]}",
                 target=p, inputs=[tb], computed=tb.i, same=True)

t1, t2 = cell("t", 1), cell("t", 2)
doc.relation("change-in-prose", "mill throughput up 8.6% = (ore milled Q3 2024 ÷ Q3 2023 − 1) × 100",
             target=doc.fig(24, "8.6%"), inputs=[t1, t2], computed=pct_change(t1.i, t2.i))
c1, c2 = cell("pcu", 1), cell("pcu", 2)
doc.relation("change-in-prose", "copper production up 21.9% = (Cu Q3 2024 ÷ Cu Q3 2023 − 1) × 100",
             target=doc.fig(24, "21.9%"), inputs=[c1, c2], computed=pct_change(c1.i, c2.i))

# Review addition: the opening paragraph's second-quarter totals (line 4: 15.501 Mlb copper, 13,768 oz gold)
# = Mount Polley's Q2 2024 (line 10) + 30% of Red Chris's Q2 2024 (line 30, 100% basis).
q2_cu, q2_au = doc.fig(4, "15.501"), doc.fig(4, "13,768")
mp2_cu, mp2_au = doc.fig(10, "9.281"), doc.fig(10, "10,009")
rc2_cu, rc2_au = doc.fig(30, "20.731"), doc.fig(30, "12,531")
doc.relation("total", "Imperial Q2 2024 copper 15.501 Mlb = Mount Polley 9.281 + 30% × Red Chris 20.731",
             target=q2_cu, inputs=[mp2_cu, rc2_cu, share], computed=mp2_cu.i + rc2_cu.i * share.exact / 100)
doc.relation("total", "Imperial Q2 2024 gold 13,768 oz = Mount Polley 10,009 + 30% × Red Chris 12,531",
             target=q2_au, inputs=[mp2_au, rc2_au, share], computed=mp2_au.i + rc2_au.i * share.exact / 100)

doc.write()
