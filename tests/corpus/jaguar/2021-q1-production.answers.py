import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Jaguar Mining",
    "title": "Jaguar Mining Reports First Quarter Operating Results (Q1 2021)",
    "date": "2021-04-12",
    "urls": ["https://minenportal.de/artikel/340019--Jaguar-Mining-Reports-First-Quarter-Operating-Results.html"],
}

def fell(line, pct, cur, prior, what):
    c, p = doc.fig(line, cur), doc.fig(line, prior)
    doc.relation("change-in-prose", f"{what}: {pct} = (1 − Q1 2021 ÷ Q1 2020) × 100",
                 target=doc.fig(line, pct), inputs=[c, p], computed=-pct_change(c.i, p.i))
    return c, p

c21, c20 = fell(12, "14%", "18,161", "21,008", "consolidated gold fell 14%")
p21, p20 = fell(13, "16%", "9,643", "11,521", "Pilar 16% less")
t21, t20 = fell(14, "10%", "8,517", "9,487", "Turmalina 10% less")
doc.relation("sum-of-segments", "Q1 2021 consolidated gold = Pilar + Turmalina",
             target=c21, inputs=[p21, t21], computed=p21.i + t21.i)
doc.relation("sum-of-segments", "Q1 2020 consolidated gold = Pilar + Turmalina",
             target=c20, inputs=[p20, t20], computed=p20.i + t20.i)

# Not a relation: "447 of our approximately 1,570 (~30%) employees and contractors" (line 9). The release
# marks both the head count and the share as approximate ("approximately", "~"), so "~30%" does not carry
# the precision of a printed 30% ([29.5%, 30.5%]); 447 ÷ 1,570 = 28.5% is what "~30%" loosely rounds.
# Removed in review rather than scored as a discrepancy.
doc.write()
