import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Gatos Silver, Inc.",
    "title": "Gatos Silver Reports Q2 2023 Production Results",
    "date": "2023-07-10",
    "urls": ["https://www.einpresswire.com/article/643956130/gatos-silver-reports-q2-2023-production-results",
             "https://www.marketnewsdesk.com/index.php/wp-json/wp/v2/posts/768760"],
}
COL = {1: "Q2 2023", 2: "Q2 2022", 3: "H1 2023", 4: "H1 2022"}
DAYS = {1: 91, 2: 91, 3: 181, 4: 181}
R = {"t": 14, "tpd": 15, "g_ag": 17, "g_zn": 18, "g_pb": 19, "g_au": 20,
     "ag": 22, "zn": 23, "pb": 24, "au": 25, "r_ag": 27, "r_zn": 28, "r_pb": 29, "r_au": 30}

def cell(name, col, scale=1):
    cells = doc.lines[R[name] - 1].split("\t")
    text = cells[col]
    return doc.fig(R[name], text, nth=cells[1:col].count(text) + 1, scale=scale)

for c in COL:
    t, tpd = cell("t", c), cell("tpd", c)
    doc.relation("throughput", f"{COL[c]} tonnes milled per day = tonnes milled ÷ {DAYS[c]} days",
                 target=tpd, inputs=[t], computed=t.i / DAYS[c])

# recoveries: each metal's contained metal is counted in the concentrate(s) its recovery names
for c in COL:
    t = cell("t", c)
    g, m, r = cell("g_ag", c), cell("ag", c, scale=10**6), cell("r_ag", c)
    doc.relation("recovery", f"{COL[c]} Ag recovery (both concentrates) = Ag oz ÷ (t × g/t ÷ 31.1034768)",
                 target=r, inputs=[m, t, g], computed=m.i / contained_oz(t.i, g.i) * 100)
    g, m, r = cell("g_zn", c), cell("zn", c, scale=10**6), cell("r_zn", c)
    doc.relation("recovery", f"{COL[c]} Zn recovery (zinc concentrate) = Zn lb ÷ (t × Zn % → lb)",
                 target=r, inputs=[m, t, g], computed=m.i / contained_lb(t.i, g.i) * 100)
    g, m, r = cell("g_pb", c), cell("pb", c, scale=10**6), cell("r_pb", c)
    doc.relation("recovery", f"{COL[c]} Pb recovery (lead concentrate) = Pb lb ÷ (t × Pb % → lb)",
                 target=r, inputs=[m, t, g], computed=m.i / contained_lb(t.i, g.i) * 100)
    g, m, r = cell("g_au", c), cell("au", c, scale=10**3), cell("r_au", c)
    note = ""
    if c == 2:
        note = ("printed 57.5%; 1.27 thousand oz in lead concentrate from 211,350 t at 0.38 g/t "
                "(2,582 oz fed) give 48.4-50.0%; the other three gold columns tie")
    doc.relation("recovery", f"{COL[c]} Au recovery (lead concentrate) = Au oz ÷ (t × g/t ÷ 31.1034768)",
                 target=r, inputs=[m, t, g], computed=m.i / contained_oz(t.i, g.i) * 100, note=note)

p, tb = doc.fig(32, "2,916"), cell("tpd", 1)
doc.relation("restatement", "prose 2,916 tonnes per day = table Q2 2023", target=p, inputs=[tb], computed=tb.i, same=True)
a, b = cell("tpd", 1), cell("tpd", 2)
doc.relation("change-in-prose", "throughput up 26% = (tonnes per day Q2 2023 ÷ Q2 2022 − 1) × 100",
             target=doc.fig(32, "26%"), inputs=[a, b], computed=pct_change(a.i, b.i))

doc.write()
