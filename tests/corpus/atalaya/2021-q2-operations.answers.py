import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Atalaya Mining plc",
    "title": "Atalaya Mining PLC Announces Second Quarter 2021 Operations Update",
    "date": "2021-07-13",
    "urls": ["http://goldberglawma.com/?id=news%2Fatalaya-mining-plc-announces-second-060000898.html"],
}
M = 10**6
COL = {2: "Q2 2021", 3: "Q2 2020", 4: "Q1 2021"}   # the guidance column is not checked
R = {"milled": 11, "cu": 12, "rec": 13, "prod": 14}

def cell(name, col, scale=1):
    cells = doc.lines[R[name] - 1].split("\t")
    text = cells[col]
    return doc.fig(R[name], text, nth=cells[1:col].count(text) + 1, scale=scale)

for c in COL:
    prod, ore, cu, rec = cell("prod", c), cell("milled", c, scale=M), cell("cu", c), cell("rec", c)
    doc.relation("recovery", f"{COL[c]} Cu recovery = Cu production t ÷ (ore milled Mt × Cu %)",
                 target=rec, inputs=[prod, ore, cu], computed=prod.i / (ore.i * cu.i / 100) * 100)

for line, text, name, c in [(16, "14,353", "prod", 2), (17, "4.03", "milled", 2)]:
    p, tb = doc.fig(line, text), cell(name, c)
    doc.relation("restatement", f"prose {text} (line {line}) = table {COL[c]}",
                 target=p, inputs=[tb], computed=tb.i, same=True)

q2, q1, q2p = cell("prod", 2), cell("prod", 4), cell("prod", 3)
doc.relation("change-in-prose", "production up 2.7 % on Q1 2021 = (Cu production Q2 2021 ÷ Q1 2021 − 1) × 100",
             target=doc.fig(16, "2.7"), inputs=[q2, q1], computed=pct_change(q2.i, q1.i))
doc.relation("change-in-prose", "production up 5.3 % on Q2 2020 = (Cu production Q2 2021 ÷ Q2 2020 − 1) × 100",
             target=doc.fig(16, "5.3"), inputs=[q2, q2p], computed=pct_change(q2.i, q2p.i))

t = doc.fig(17, "4.03")
doc.relation("throughput", "about 16 Mtpa = 4.03 Mt in Q2 2021 × 365 ÷ 91 days",
             target=doc.fig(17, "16"), inputs=[t], computed=t.i * 365 / 91)

doc.write()
