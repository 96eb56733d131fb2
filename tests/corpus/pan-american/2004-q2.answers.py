import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Pan American Silver",
    "title": "Pan American Silver reports sharply higher profits on record silver production (Q2 2004)",
    "date": "2004-07-28",
    "urls": ["http://markets.hpcwire.com/taborcomm.hpcwire/action/getedgarwindow?accesscode=113717104000984",
             "http://bankrupt.com/misc/PAN_AMERICAN.htm"],
}
cols = ["Q2 2004", "Q2 2003", "H1 2004", "H1 2003"]

# Margin (loss) per tonne = NSR per tonne milled − cost per tonne
nsr = ["58.30", "36.74", "60.41", "38.56"]
cpt = ["45.19", "37.95", "43.59", "38.18"]
mar = ["13.11", "(1.21)", "16.82", "0.39"]
for c, a, b, m in zip(cols, nsr, cpt, mar):
    A, B, M = doc.fig(32, a), doc.fig(33, b), doc.fig(34, m)
    doc.relation("total", f"{c} margin per tonne = NSR per tonne milled − cost per tonne",
                 target=M, inputs=[A, B], computed=A.i - B.i)

# Cash operating costs = direct operating costs + by-product credits (printed negative)
direct = ["15,728", "11,974", "30,760", "24,146"]
credits = ["(6,006)", "(3,387)", "(12,189)", "(7,558)"]
cash = ["9,722", "8,587", "18,571", "16,587"]
for c, a, b, m in zip(cols, direct, credits, cash):
    A, B, M = doc.fig(39, a), doc.fig(40, b), doc.fig(41, m)
    doc.relation("total", f"{c} cash operating costs = direct operating costs − by-product credits",
                 target=M, inputs=[A, B], computed=A.i + B.i)

# Production costs = cash operating costs + depreciation, amortization & reclamation
dda = ["2,282", "923", "4,655", "1,973"]
prod = ["12,004", "9,510", "23,225", "18,561"]
for c, a, b, m in zip(cols, cash, dda, prod):
    A, B, M = doc.fig(41, a), doc.fig(42, b), doc.fig(43, m)
    doc.relation("total", f"{c} production costs = cash operating costs + depreciation, amortization & reclamation",
                 target=M, inputs=[A, B], computed=A.i + B.i)

# Prose restates the quarter's net income and the year-ago net loss (table in thousands).
ni = doc.fig(19, "1,287", scale=1000)
doc.relation("restatement", "text net earnings $1.3 million = table Q2 2004 net income 1,287 (000s)",
             target=doc.fig(11, "1.3", nth=1, scale=10**6), inputs=[ni], computed=ni.i)
nl = doc.fig(19, "(1,156)", scale=1000)
doc.relation("restatement", "text net loss of $1.2 million in 2003 = −(table Q2 2003 net income (1,156) (000s))",
             target=doc.fig(11, "1.2", scale=10**6), inputs=[nl], computed=-nl.i)

doc.write()
