import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Imperial Metals Corporation",
    "title": "Imperial Reports Production for 2025 Third Quarter at Red Chris Mine",
    "date": "2025-10-23",
    "urls": ["https://investingnews.com/imperial-reports-production-for-2025-third-quarter-at-red-chris-mine/",
             "https://6ix.com/company/imperial-metals-corporation/news/imperial-reports-production-for-2025-third-quarter-at-red-chris-mine"],
}
COLS = {1: "Q3 2025", 2: "Q3 2024", 3: "9M 2025", 4: "9M 2024"}
DAYS = {1: 92, 2: 92, 3: 273, 4: 274}   # Jul-Sep; Jan-Sep 2025; Jan-Sep 2024 (leap year)
ROW = {"t": 12, "tpd": 13, "cu": 14, "au": 15, "rcu": 16, "rau": 17, "pcu": 18, "pau": 19}
CELLS = {}
for name, line in ROW.items():
    CELLS[name] = doc.lines[line - 1].split("\t")

def cell(name, col, scale=1):
    text = CELLS[name][col]
    nth = CELLS[name][1:col].count(text) + 1
    return doc.fig(ROW[name], text, nth=nth, scale=scale)

# throughput per calendar day
for c in COLS:
    t, tpd = cell("t", c), cell("tpd", c)
    note = ""
    if c == 3:
        note = ("printed 23,197 t/d; 6,356,020 t over the 273 calendar days of Jan-Sep 2025 give 23,282 t/d; "
                "23,197 is 6,356,020 ÷ 274, the day count of the leap year 2024's nine months")
    doc.relation("throughput", f"{COLS[c]} ore milled per calendar day = tonnes ÷ {DAYS[c]} days",
                 target=tpd, inputs=[t], computed=t.i / DAYS[c], note=note)

# recoveries: metal produced ÷ metal in ore milled
for c in COLS:
    t, cu, rcu, pcu = cell("t", c), cell("cu", c), cell("rcu", c), cell("pcu", c, scale=1000)
    doc.relation("recovery", f"{COLS[c]} Cu recovery = Cu produced (000 lb) ÷ (tonnes × Cu % → lb)",
                 target=rcu, inputs=[pcu, t, cu], computed=pcu.i / contained_lb(t.i, cu.i) * 100)
    au, rau, pau = cell("au", c), cell("rau", c), cell("pau", c)
    doc.relation("recovery", f"{COLS[c]} Au recovery = Au produced oz ÷ (tonnes × g/t ÷ 31.1034768)",
                 target=rau, inputs=[pau, t, au], computed=pau.i / contained_oz(t.i, au.i) * 100)

# prose restates the table
for text, name, col, scale in [("20.900", "pcu", 1, 10**6), ("18.977", "pcu", 2, 10**6)]:
    p = doc.fig(4, text, scale=scale)
    tb = cell(name, col, scale=1000)
    doc.relation("restatement", f"prose {text} million lb = table Copper 000's pounds {COLS[col]}",
                 target=p, inputs=[tb], computed=tb.i, same=True)
for text, col in [("21,660", 1), ("13,414", 2)]:
    p = doc.fig(4, text)
    tb = cell("pau", col)
    doc.relation("restatement", f"prose {text} oz gold = table Gold ounces {COLS[col]}",
                 target=p, inputs=[tb], computed=tb.i, same=True)
for text, name, col in [("0.589%", "cu", 1), ("0.504%", "cu", 2)]:
    p = doc.fig(6, text)
    tb = cell(name, col)
    doc.relation("restatement", f"prose copper grade {text} = table Grade % copper {COLS[col]}",
                 target=p, inputs=[tb], computed=tb.i, same=True)
for text, col in [("0.562", 1), ("0.365", 2)]:
    p = doc.fig(6, text)
    tb = cell("au", col)
    doc.relation("restatement", f"prose gold grade {text} g/t = table Grade g/t gold {COLS[col]}",
                 target=p, inputs=[tb], computed=tb.i, same=True)

# Imperial's 30% share
share = doc.fig(4, "30%")
cu100, cu30 = doc.fig(4, "20.900", scale=10**6), doc.fig(4, "6.270", scale=10**6)
doc.relation("share-in-prose", "Imperial's Q3 2025 copper = 30% × Red Chris 20.900 million lb",
             target=cu30, inputs=[cu100, share], computed=cu100.i * share.exact / 100)
au100, au30 = doc.fig(4, "21,660"), doc.fig(4, "6,498")
doc.relation("share-in-prose", "Imperial's Q3 2025 gold = 30% × Red Chris 21,660 oz",
             target=au30, inputs=[au100, share], computed=au100.i * share.exact / 100)

# changes quoted in prose
def chg(line, text, cur, prior, what):
    f = doc.fig(line, text)
    doc.relation("change-in-prose", f"{what}: ({COLS_NAME[cur]} ÷ {COLS_NAME[prior]} − 1) × 100",
                 target=f, inputs=[cur, prior], computed=pct_change(cur.i, prior.i))
COLS_NAME = {}
def named(fig, label):
    COLS_NAME[fig] = label
    return fig
c1, c2 = named(cell("pcu", 1), "Cu Q3 2025"), named(cell("pcu", 2), "Cu Q3 2024")
chg(6, "10%", c1, c2, "copper production up 10%")
g1, g2 = named(doc.fig(6, "0.589%"), "grade 0.589%"), named(doc.fig(6, "0.504%"), "grade 0.504%")
chg(6, "17%", g1, g2, "copper grade up 17% (prose figures)")
a1, a2 = named(cell("pau", 1), "Au Q3 2025"), named(cell("pau", 2), "Au Q3 2024")
chg(6, "61%", a1, a2, "gold production up 61%")
c3, c4 = named(cell("pcu", 3), "Cu 9M 2025"), named(cell("pcu", 4), "Cu 9M 2024")
chg(8, "20%", c3, c4, "nine-month copper production up 20%")
a3, a4 = named(cell("pau", 3), "Au 9M 2025"), named(cell("pau", 4), "Au 9M 2024")
chg(8, "86%", a3, a4, "nine-month gold production up 86%")

doc.write()
