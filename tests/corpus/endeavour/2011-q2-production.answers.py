import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {"company": "Endeavour Silver Corp.",
              "title": "Endeavour Silver Reports Continued Production Growth in 2nd Quarter, 2011; Produces 850,476 oz Silver (Up 3%) and 4,831 oz Gold (Up 8%); Revenues Jump 85% to US$36.4 million",
              "date": "2011-07-11",
              "urls": ["https://www.sec.gov/Archives/edgar/data/1277866/000119907311000700/ex99_1.htm"]}


def ln(s):
    hits = [i + 1 for i, l in enumerate(doc.lines) if s in l]
    assert len(hits) == 1, (s, hits)
    return hits[0]


def row(label):
    n = ln(label + "\t")
    c = doc.lines[n - 1].split("\t")
    return [doc.fig(n, x, nth=c[1:i + 1].count(x)) for i, x in enumerate(c[1:], start=1)]


gu, gj, co = row("Guanacevi"), row("Guanajuato"), row("Consolidated")
T, TPD, GAG, GAU, RAG, RAU, AG, AU = range(8)
DAYS = 91  # 1 April – 30 June 2011
names = {T: "tonnes produced", TPD: "tonnes per day", AG: "silver oz", AU: "gold oz"}
for k in (T, AG, AU):
    doc.relation("sum-of-segments", f"Consolidated {names[k]} = Guanacevi + Guanajuato", co[k], [gu[k], gj[k]], gu[k].i + gj[k].i)
doc.relation("sum-of-segments", "Consolidated tonnes per day = Guanacevi + Guanajuato", co[TPD], [gu[TPD], gj[TPD]], gu[TPD].i + gj[TPD].i)
for m, name in [(gu, "Guanacevi"), (gj, "Guanajuato"), (co, "Consolidated")]:
    doc.relation("throughput", f"{name} tonnes per day = tonnes produced ÷ 91 days (Q2 2011)", m[TPD], [m[T]], m[T].i / DAYS)
for m, name in [(gu, "Guanacevi"), (gj, "Guanajuato")]:
    doc.relation("recovery", f"{name} Ag recovery = Ag oz ÷ (t × Ag g/t ÷ 31.1034768)", m[RAG], [m[AG], m[T], m[GAG]], m[AG].i / contained_oz(m[T].i, m[GAG].i) * 100)
    doc.relation("recovery", f"{name} Au recovery = Au oz ÷ (t × Au g/t ÷ 31.1034768)", m[RAU], [m[AU], m[T], m[GAU]], m[AU].i / contained_oz(m[T].i, m[GAU].i) * 100)
doc.relation("weighted-average", "Consolidated Ag grade = tonnage-weighted grade of the two mines", co[GAG], [gu[T], gu[GAG], gj[T], gj[GAG]],
             weighted([(gu[T].i, gu[GAG].i), (gj[T].i, gj[GAG].i)]))
doc.relation("weighted-average", "Consolidated Au grade = tonnage-weighted grade of the two mines", co[GAU], [gu[T], gu[GAU], gj[T], gj[GAU]],
             weighted([(gu[T].i, gu[GAU].i), (gj[T].i, gj[GAU].i)]))
doc.relation("recovery", "Consolidated Ag recovery = Σ mines' Ag oz ÷ Σ mines' Ag fed", co[RAG], [gu[AG], gj[AG], gu[T], gu[GAG], gj[T], gj[GAG]],
             (gu[AG].i + gj[AG].i) / (contained_oz(gu[T].i, gu[GAG].i) + contained_oz(gj[T].i, gj[GAG].i)) * 100)
# The consolidated row printed its own tonnes, grades and ounces: its recovery from them is a relation too.
doc.relation("recovery", "Consolidated Ag recovery (own row) = Ag oz ÷ (t × Ag g/t ÷ 31.1034768)", co[RAG], [co[AG], co[T], co[GAG]], co[AG].i / contained_oz(co[T].i, co[GAG].i) * 100)
doc.relation("recovery", "Consolidated Au recovery (own row) = Au oz ÷ (t × Au g/t ÷ 31.1034768)", co[RAU], [co[AU], co[T], co[GAU]], co[AU].i / contained_oz(co[T].i, co[GAU].i) * 100)
doc.relation("recovery", "Consolidated Au recovery = Σ mines' Au oz ÷ Σ mines' Au fed", co[RAU], [gu[AU], gj[AU], gu[T], gu[GAU], gj[T], gj[GAU]],
             (gu[AU].i + gj[AU].i) / (contained_oz(gu[T].i, gu[GAU].i) + contained_oz(gj[T].i, gj[GAU].i)) * 100)

for key in ["silver production rose 3% to", "· Silver production 3% higher"]:
    n = ln(key)
    doc.relation("restatement", f"850,476 oz silver in the text ('{key}') = the table's consolidated", doc.fig(n, "850,476"), [co[AG]], co[AG].i, same=True)
for key in ["gold production rose 8% to", "· Gold production 8% higher"]:
    n = ln(key)
    doc.relation("restatement", f"4,831 oz gold in the text ('{key}') = the table's consolidated", doc.fig(n, "4,831"), [co[AU]], co[AU].i, same=True)
n = ln("· Silver and equivalents production")
r40 = doc.fig(n, "40")
doc.relation("total", "1.04 million oz silver and equivalents = silver oz + 40 × gold oz (40:1)", doc.fig(n, "1.04", scale=10**6), [co[AG], co[AU], r40],
             co[AG].i + r40.exact * co[AU].i)
doc.relation("restatement", "850,476 oz silver in the title line = the table's consolidated", doc.fig(1, "850,476"), [co[AG]], co[AG].i, same=True)
doc.relation("restatement", "4,831 oz gold in the title line = the table's consolidated", doc.fig(1, "4,831"), [co[AU]], co[AU].i, same=True)

# Review additions: figures the opening paragraph (line 6) and the highlights (lines 9-12) both print.
for t6, tl, l, what in [("3%", "3%", 9, "silver production up"), ("8%", "8%", 10, "gold production up"),
                        ("85%", "85%", 12, "revenues up"), ("36.4", "36.4", 12, "revenues US$ million")]:
    a, b = doc.fig(6, t6), doc.fig(l, tl)
    doc.relation("same-figure", f"{what} {t6}: opening paragraph (line 6) = highlights (line {l})",
                 target=b, inputs=[a], computed=a.i, same=True)

NOTES = {}
import os
if os.environ.get("DRY"):
    [print(r["formula"], r["computed"], r["printed"]) for r in doc.relations if r["status"] != "ties"]; sys.exit()
for r in doc.relations:
    if r["formula"] in NOTES:
        assert r["status"] == "does_not_tie", r["formula"]
        r["note"] = NOTES[r["formula"]]
doc.write()
