import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Atalaya Mining plc",
    "title": "Atalaya Mining PLC Announces Q3 2021 Operations Update and Increase in Guidance",
    "date": "2021-10-13",
    "urls": ["https://goldseiten.de/artikel/512923--Atalaya-Mining-PLC-Announces-Q3-2021-Operations-Update-and-Increase-in-Guidance.html"],
}
M = 10**6
COL = {2: "Q3 2021", 3: "Q3 2020", 4: "Q2 2021", 5: "YTD 2021"}   # the guidance column is not checked
R = {"milled": 11, "cu": 12, "rec": 13, "prod": 14}

def cell(name, col, scale=1):
    cells = doc.lines[R[name] - 1].split("\t")
    text = cells[col]
    return doc.fig(R[name], text, nth=cells[1:col].count(text) + 1, scale=scale)

for c in COL:
    prod, ore, cu, rec = cell("prod", c), cell("milled", c, scale=M), cell("cu", c), cell("rec", c)
    doc.relation("recovery", f"{COL[c]} Cu recovery = Cu production t ÷ (ore milled Mt × Cu %)",
                 target=rec, inputs=[prod, ore, cu], computed=prod.i / (ore.i * cu.i / 100) * 100)

for line, text, name, c in [(16, "13,933", "prod", 2), (17, "3.9", "milled", 2), (18, "87.29%", "rec", 2)]:
    p, tb = doc.fig(line, text), cell(name, c)
    doc.relation("restatement", f"prose {text} (line {line}) = table {COL[c]}",
                 target=p, inputs=[tb], computed=tb.i, same=True)

t = doc.fig(17, "3.9")
doc.relation("rounding-word", "nearly 16 Mtpa = 3.9 Mt in Q3 2021 × 365 ÷ 92 days (nearly: at most 16)",
             target=doc.fig(17, "16"), inputs=[t], computed=t.i * 365 / 92)

doc.write()
