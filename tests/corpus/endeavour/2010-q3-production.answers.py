import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {"company": "Endeavour Silver Corp.",
              "title": "Endeavour Silver Produces 797,054 oz Silver (Up 20%) and 4,607 oz Gold (Up 28%) in Third Quarter, 2010",
              "date": "2010-10-07",
              "urls": ["https://www.sec.gov/Archives/edgar/data/1277866/000119907310000878/ex99_1.htm"]}


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
DAYS = 92  # 1 July – 30 September 2010
for k, nm in [(T, "tonnes produced"), (TPD, "tonnes per day"), (AG, "silver oz"), (AU, "gold oz")]:
    doc.relation("sum-of-segments", f"Consolidated {nm} = Guanacevi + Guanajuato", co[k], [gu[k], gj[k]], gu[k].i + gj[k].i)
for m, name in [(gu, "Guanacevi"), (gj, "Guanajuato"), (co, "Consolidated")]:
    doc.relation("throughput", f"{name} tonnes per day = tonnes produced ÷ 92 days (Q3 2010)", m[TPD], [m[T]], m[T].i / DAYS)
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
n = ln("The mines produced 797,054")
r65 = doc.fig(n, "65")
doc.relation("restatement", "797,054 oz silver in the text = the table's consolidated", doc.fig(n, "797,054"), [co[AG]], co[AG].i, same=True)
doc.relation("restatement", "4,607 oz gold in the text = the table's consolidated", doc.fig(n, "4,607"), [co[AU]], co[AU].i, same=True)
doc.relation("total", "silver-equivalent production 1,096,509 oz = silver oz + 65 × gold oz (65:1)", doc.fig(n, "1,096,509"), [co[AG], co[AU], r65],
             co[AG].i + r65.exact * co[AU].i)
doc.relation("restatement", "797,054 oz silver in the title line = the table's consolidated", doc.fig(1, "797,054"), [co[AG]], co[AG].i, same=True)
doc.relation("restatement", "4,607 oz gold in the title line = the table's consolidated", doc.fig(1, "4,607"), [co[AU]], co[AU].i, same=True)

NOTES = {
    "Consolidated tonnes per day = Guanacevi + Guanajuato":
        "printed 1,346; 815 + 560 = 1,375 (and 126,599 t ÷ 92 days = 1,376): 1,346 looks like a transposed 1,376",
    "Consolidated gold oz = Guanacevi + Guanajuato":
        "printed 4,607; the mines' 1,545 + 3,060 = 4,605 (the text's 1,096,509 silver-equivalent oz uses 4,607)",
    "Guanacevi tonnes per day = tonnes produced ÷ 92 days (Q3 2010)":
        "printed 815; 75,039 t ÷ 92 days = 815.64, which rounds to 816 (the figure seems truncated, not rounded)",
    "Consolidated tonnes per day = tonnes produced ÷ 92 days (Q3 2010)":
        "printed 1,346; 126,599 t ÷ 92 days = 1,376.1 (1,346 would need 94 days): apparently a typo for 1,376",
}
import os
if os.environ.get("DRY"):
    [print(r["formula"], r["computed"], r["printed"]) for r in doc.relations if r["status"] != "ties"]; sys.exit()
for r in doc.relations:
    if r["formula"] in NOTES:
        assert r["status"] == "does_not_tie", r["formula"]
        r["note"] = NOTES[r["formula"]]
doc.write()
