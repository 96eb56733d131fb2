import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Imperial Metals Corporation",
    "title": "Imperial Reports Production Update for 2024 First Quarter",
    "date": "2024-04-25",
    "urls": ["https://finanznachrichten.de/nachrichten-2024-04/62050706-imperial-metals-corporation-imperial-reports-production-update-for-2024-first-quarter-399.htm",
             "https://advfn.com/stock-market/TSX/III/stock-news/93714780/imperial-reports-production-update-for-2024-first"],
}
M = 10**6
# Mount Polley table, columns Q1 2024 (1) and Q1 2023 (2)
COL = {1: "Q1 2024", 2: "Q1 2023"}
DAYS = {1: 91, 2: 90}  # 2024 is a leap year
R = {"t": 10, "tpd": 11, "cu": 12, "au": 13, "rcu": 14, "rau": 15, "pcu": 16, "pau": 17}

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
tot_cu, mp_cu, rc_cu = doc.fig(4, "12.353"), doc.fig(4, "7.355"), doc.fig(4, "4.998")
doc.relation("total", "Imperial Q1 2024 copper 12.353 Mlb = Mount Polley 7.355 + 30% Red Chris 4.998",
             target=tot_cu, inputs=[mp_cu, rc_cu], computed=mp_cu.i + rc_cu.i)
tot_au, mp_au, rc_au = doc.fig(4, "12,861"), doc.fig(4, "10,009"), doc.fig(4, "2,852")
doc.relation("total", "Imperial Q1 2024 gold 12,861 oz = Mount Polley 10,009 + 30% Red Chris 2,852",
             target=tot_au, inputs=[mp_au, rc_au], computed=mp_au.i + rc_au.i)
share = doc.fig(4, "30%")
rc100_cu, rc100_au = doc.fig(23, "16.660"), doc.fig(23, "9,507")
doc.relation("share-in-prose", "Imperial's 30% of Red Chris Q1 2024 copper: 4.998 = 30% × 16.660 Mlb",
             target=rc_cu, inputs=[rc100_cu, share], computed=rc100_cu.i * share.exact / 100)
doc.relation("share-in-prose", "Imperial's 30% of Red Chris Q1 2024 gold: 2,852 = 30% × 9,507 oz",
             target=rc_au, inputs=[rc100_au, share], computed=rc100_au.i * share.exact / 100)

# restatements of the Mount Polley table
for line, text, name, c in [(4, "7.355", "pcu", 1), (4, "10,009", "pau", 1),
                            (6, "7.355", "pcu", 1), (6, "10,009", "pau", 1),
                            (6, "6.678", "pcu", 2), (6, "9,980", "pau", 2)]:
    p, tb = doc.fig(line, text), cell(name, c)
    doc.relation("restatement", f"prose {text} (line {line}) = Mount Polley table {COL[c]}",
                 target=p, inputs=[tb], computed=tb.i, same=True)
for text, c in [("1.671", 1), ("1.390", 2)]:
    p, tb = doc.fig(19, text, scale=M), cell("t", c)
    note = ""
    if text == "1.671":
        note = ("printed 1.671 million tonnes; the table's 1,671,505 t rounds to 1.672 million "
                "(the text truncates instead of rounding)")
    doc.relation("restatement", f"prose {text} million tonnes treated = table ore milled {COL[c]}",
                 target=p, inputs=[tb], computed=tb.i, same=True, note=note)

# changes quoted in prose
t1, t2 = cell("t", 1), cell("t", 2)
doc.relation("change-in-prose", "mill throughput up 20.3% = (ore milled Q1 2024 ÷ Q1 2023 − 1) × 100",
             target=doc.fig(19, "20.3%"), inputs=[t1, t2], computed=pct_change(t1.i, t2.i))
c1, c2 = cell("pcu", 1), cell("pcu", 2)
doc.relation("change-in-prose", "copper production up 10.1% = (Cu Q1 2024 ÷ Cu Q1 2023 − 1) × 100",
             target=doc.fig(19, "10.1%"), inputs=[c1, c2], computed=pct_change(c1.i, c2.i))

doc.write()
