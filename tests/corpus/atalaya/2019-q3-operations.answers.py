import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Atalaya Mining plc",
    "title": "Atalaya Mining Plc Announces Third Quarter 2019 Operations Update",
    "date": "2019-10-17",
    "urls": ["https://news.canadianminingreport.com/company/news/atalaya-mining-plc-announces-third-quarter-2019-operations"],
}
M = 10**6
COL = {2: "Q3 2019", 3: "Q3 2018", 4: "Q2 2019", 5: "YTD 2019"}   # the guidance column is not checked
R = {"milled": 11, "cu": 12, "rec": 13, "prod": 14}

def cell(name, col, scale=1):
    cells = doc.lines[R[name] - 1].split("\t")
    text = cells[col]
    return doc.fig(R[name], text, nth=cells[1:col].count(text) + 1, scale=scale)

for c in COL:
    prod, ore, cu, rec = cell("prod", c), cell("milled", c, scale=M), cell("cu", c), cell("rec", c)
    doc.relation("recovery", f"{COL[c]} Cu recovery = Cu production t ÷ (ore milled Mt × Cu %)",
                 target=rec, inputs=[prod, ore, cu], computed=prod.i / (ore.i * cu.i / 100) * 100)

for line, text, name, c in [(16, "10,568", "prod", 2), (16, "0.47%", "cu", 2), (16, "87.38%", "rec", 2),
                            (16, "2.6", "milled", 2)]:
    p, tb = doc.fig(line, text), cell(name, c)
    doc.relation("restatement", f"prose {text} (line {line}) = table {COL[c]}",
                 target=p, inputs=[tb], computed=tb.i, same=True)

q3, q2 = cell("prod", 2), cell("prod", 4)
doc.relation("change-in-prose", "production 2.9% lower than Q2 2019 = (1 − Cu production Q3 2019 ÷ Q2 2019) × 100",
             target=doc.fig(16, "2.9%"), inputs=[q3, q2], computed=-pct_change(q3.i, q2.i))

doc.write()
