import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Imperial Metals Corporation",
    "title": "Imperial Reports Mount Polley Production Update for 2025 Second Quarter",
    "date": "2025-07-09",
    "urls": ["https://www.globenewswire.com/news-release/2025/07/09/3112930/0/en/Imperial-Reports-Mount-Polley-Production-Update-for-2025-Second-Quarter.html",
             "https://marketwirenews.com/amp/news-releases/imperial-reports-mount-polley-production-update-for--8062332005742538.html"],
}
M = 10**6
COL = {1: "Q2 2025", 2: "Q2 2024", 3: "H1 2025", 4: "H1 2024"}
DAYS = {1: 91, 2: 91, 3: 181, 4: 182}   # 2024 is a leap year
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
        (4, "9.496", "pcu", 1, M, 1000), (4, "11,061", "pau", 1, 1, 1),
        (8, "9.496", "pcu", 1, M, 1000), (8, "11,061", "pau", 1, 1, 1),
        (8, "9.281", "pcu", 2, M, 1000), (8, "10,009", "pau", 2, 1, 1),
        (10, "1.759", "t", 1, M, 1), (10, "1.714", "t", 2, M, 1)]:
    p, tb = doc.fig(line, text, scale=scale), cell(name, c, scale=tscale)
    doc.relation("restatement", f"prose {text} (line {line}) = table {COL[c]}",
                 target=p, inputs=[tb], computed=tb.i, same=True)

for line, text, name, a, b, what in [(10, "2.6%", "t", 1, 2, "mill throughput up 2.6%"),
                                     (12, "10.6%", "pcu", 3, 4, "six-month copper production up 10.6%"),
                                     (12, "8.3%", "pau", 3, 4, "six-month gold production up 8.3%")]:
    x, y = cell(name, a), cell(name, b)
    doc.relation("change-in-prose", f"{what} = ({WORD[name]} {COL[a]} ÷ {COL[b]} − 1) × 100",
                 target=doc.fig(line, text), inputs=[x, y], computed=pct_change(x.i, y.i))

doc.write()
