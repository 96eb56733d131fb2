import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Gatos Silver, Inc.",
    "title": "Gatos Silver Reports Record Tonnage and Metal Production During Second Quarter 2021",
    "date": "2021-07-07",
    "urls": ["https://www.sec.gov/Archives/edgar/data/1517006/000110465921089912/tm2121676d1_ex99-1.htm",
             "https://www.wallstreet-online.de/nachricht/14128916-gatos-silver-reports-record-tonnage-and-metal-production-during-second-quarter-2021"],
}
COL = {1: "Q2 2021", 2: "Q1 2021", 3: "2020 FY"}
DAYS = {1: 91, 2: 90, 3: 366}  # 2020 is a leap year
R = {"mined": 15, "t": 16, "tpd": 17, "ag": 19, "ag_oz": 24, "ag_rec": 29}

def cell(name, col, scale=1):
    cells = doc.lines[R[name] - 1].split("\t")
    text = cells[col]
    return doc.fig(R[name], text, nth=cells[1:col].count(text) + 1, scale=scale)

for c in COL:
    t, tpd = cell("t", c), cell("tpd", c)
    note = ""
    if c == 3:
        note = ("printed 1,829 t/d; 667,422 t over the 366 calendar days of 2020 give 1,823.6 t/d; "
                "1,829 is 667,422 ÷ 365 (the leap day left out); no operating-day count is stated")
    doc.relation("throughput", f"{COL[c]} tonnes milled per day = tonnes milled ÷ {DAYS[c]} days",
                 target=tpd, inputs=[t], computed=t.i / DAYS[c], note=note)

# Silver: contained ounces are the silver in both concentrates, the recovery is to both concentrates.
# (Gold, lead and zinc contained metal is counted in one concentrate only while their recoveries are
#  to the combined concentrates, so those recoveries do not follow from the table by definition.)
for c in COL:
    t, g, oz, rec = cell("t", c), cell("ag", c), cell("ag_oz", c, scale=10**6), cell("ag_rec", c)
    doc.relation("recovery", f"{COL[c]} Ag recovery = silver ounces (millions) ÷ (tonnes milled × g/t ÷ 31.1034768)",
                 target=rec, inputs=[oz, t, g], computed=oz.i / contained_oz(t.i, g.i) * 100)

t1, t2 = cell("t", 1), cell("t", 2)
doc.relation("change-in-prose", "plant throughput 13% above Q1 = (tonnes milled Q2 2021 ÷ Q1 2021 − 1) × 100",
             target=doc.fig(10, "13%"), inputs=[t1, t2], computed=pct_change(t1.i, t2.i))
for line, text, name in [(10, "240,047", "mined"), (10, "230,656", "t"), (34, "2,535", "tpd")]:
    p, tb = doc.fig(line, text), cell(name, 1)
    doc.relation("restatement", f"prose {text} (line {line}) = table Q2 2021",
                 target=p, inputs=[tb], computed=tb.i, same=True)

doc.write()
