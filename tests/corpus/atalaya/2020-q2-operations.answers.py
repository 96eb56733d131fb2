import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Atalaya Mining plc",
    "title": "Atalaya Mining PLC Announces Q2 2020 Operations Update",
    "date": "2020-07-15",
    "urls": ["https://goldseiten.de/artikel/457210--Atalaya-Mining-PLC-Announces-Q2-2020-Operations-Update.html"],
}
M = 10**6
COL = {2: "Q2 2020", 3: "Q2 2019", 4: "Q1 2020"}   # cell index after the label and unit cells
R = {"milled": 13, "cu": 14, "rec": 15, "prod": 16}

def cell(name, col, scale=1):
    cells = doc.lines[R[name] - 1].split("\t")
    text = cells[col]
    f = doc.fig(R[name], text, nth=cells[1:col].count(text) + 1, scale=scale)
    if "," in text and text.startswith("0,"):
        # "0,44" is printed with a decimal comma (the other grades use a point): read as 0.44
        v = F(text.replace(",", "."))
        h = F(1, 2) / 10 ** len(text.split(",")[1])
        f.i = I(v - h, v + h)
    return f

for c in COL:
    prod, ore, cu, rec = cell("prod", c), cell("milled", c, scale=M), cell("cu", c), cell("rec", c)
    doc.relation("recovery", f"{COL[c]} Cu recovery = Cu production t ÷ (ore milled Mt × Cu %)",
                 target=rec, inputs=[prod, ore, cu], computed=prod.i / (ore.i * cu.i / 100) * 100)

# prose
for line, text, name, c, scale in [(18, "13,635", "prod", 2, 1), (19, "3.6", "milled", 2, 1),
                                   (19, "0.44%", "cu", 2, 1), (19, "85.89%", "rec", 2, 1)]:
    p, tb = doc.fig(line, text, scale=scale), cell(name, c, scale=scale)
    doc.relation("restatement", f"prose {text} (line {line}) = table {COL[c]}",
                 target=p, inputs=[tb], computed=tb.i, same=True)

p20, p19, p1 = cell("prod", 2), cell("prod", 3), cell("prod", 4)
doc.relation("change-in-prose", "production up 25% = (Cu production Q2 2020 ÷ Q2 2019 − 1) × 100",
             target=doc.fig(18, "25%"), inputs=[p20, p19], computed=pct_change(p20.i, p19.i))
m20, m19, m1 = cell("milled", 2), cell("milled", 3), cell("milled", 4)
doc.relation("change-in-prose", "throughput up 39% = (ore milled Q2 2020 ÷ Q2 2019 − 1) × 100",
             target=doc.fig(20, "39%"), inputs=[m20, m19], computed=pct_change(m20.i, m19.i))
r20, r19 = cell("rec", 2), cell("rec", 3)
doc.relation("change-in-prose", "recovery down 3% = (1 − recovery Q2 2020 ÷ Q2 2019) × 100",
             target=doc.fig(20, "3%"), inputs=[r20, r19], computed=-pct_change(r20.i, r19.i))
doc.relation("change-in-prose", "production up 3% on Q1 = (Cu production Q2 2020 ÷ Q1 2020 − 1) × 100",
             target=doc.fig(21, "3%"), inputs=[p20, p1], computed=pct_change(p20.i, p1.i))
doc.relation("change-in-prose", "throughput 6% higher than Q1 = (ore milled Q2 2020 ÷ Q1 2020 − 1) × 100",
             target=doc.fig(21, "6%"), inputs=[m20, m1], computed=pct_change(m20.i, m1.i))

doc.write()
