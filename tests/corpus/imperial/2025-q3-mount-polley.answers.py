import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Imperial Metals Corporation",
    "title": "Imperial Reports Mount Polley Production Update for 2025 Third Quarter",
    "date": "2025-10",
    "urls": ["https://investingnews.com/imperial-reports-mount-polley-production-update-for-2025-third-quarter"],
}
M = 10**6
COL = {1: "Q3 2025", 2: "Q3 2024", 3: "9M 2025", 4: "9M 2024"}
DAYS = {1: 92, 2: 92, 3: 273, 4: 274}   # 2024 is a leap year
WORD = {"t": "ore milled", "pcu": "copper produced", "pau": "gold produced"}
R = {"t": 16, "tpd": 17, "cu": 18, "au": 19, "rcu": 20, "rau": 21, "pcu": 22, "pau": 23}

def cell(name, col, scale=1):
    cells = doc.lines[R[name] - 1].split("\t")
    text = cells[col]
    return doc.fig(R[name], text, nth=cells[1:col].count(text) + 1, scale=scale)

for c in COL:
    t, tpd = cell("t", c), cell("tpd", c)
    doc.relation("throughput", f"{COL[c]} ore milled per calendar day = tonnes ÷ {DAYS[c]} days",
                 target=tpd, inputs=[t], computed=t.i / DAYS[c])
for c in COL:
    t, cu, rcu, pcu = cell("t", c), cell("cu", c), cell("rcu", c), cell("pcu", c, scale=1000)
    doc.relation("recovery", f"{COL[c]} Cu recovery = Cu produced (000 lb) ÷ (tonnes × Cu % → lb)",
                 target=rcu, inputs=[pcu, t, cu], computed=pcu.i / contained_lb(t.i, cu.i) * 100)
    au, rau, pau = cell("au", c), cell("rau", c), cell("pau", c)
    doc.relation("recovery", f"{COL[c]} Au recovery = Au oz ÷ (tonnes × g/t ÷ 31.1034768)",
                 target=rau, inputs=[pau, t, au], computed=pau.i / contained_oz(t.i, au.i) * 100)

for line, text, name, c, scale, tscale in [
        (4, "7.655", "pcu", 1, M, 1000), (4, "9,285", "pau", 1, 1, 1),
        (8, "7.655", "pcu", 1, M, 1000), (8, "9,285", "pau", 1, 1, 1),
        (8, "9.822", "pcu", 2, M, 1000), (8, "9,527", "pau", 2, 1, 1),
        (10, "1.780", "t", 1, M, 1), (10, "1.694", "t", 2, M, 1)]:
    p, tb = doc.fig(line, text, scale=scale), cell(name, c, scale=tscale)
    note = ""
    if text == "1.780":
        note = ("printed 1.780 million tonnes; the table's 1,780,867 t rounds to 1.781 million "
                "(the text truncates instead of rounding)")
    doc.relation("restatement", f"prose {text} (line {line}) = table {COL[c]}",
                 target=p, inputs=[tb], computed=tb.i, same=True, note=note)

for line, text, name, a, b, what in [(10, "5%", "t", 1, 2, "mill throughput up 5%"),
                                     (12, "4.8%", "pau", 3, 4, "nine-month gold production up 4.8%")]:
    x, y = cell(name, a), cell(name, b)
    doc.relation("change-in-prose", f"{what} = ({WORD[name]} {COL[a]} ÷ {COL[b]} − 1) × 100",
                 target=doc.fig(line, text), inputs=[x, y], computed=pct_change(x.i, y.i))

doc.write()
