import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {"company": "Endeavour Silver Corp.",
              "title": "Endeavour Silver Reports Record Silver Production in Q1, 2010 compared to Q1 2009; Produces 766,210 oz Silver (Up 34%) and 3,775 oz Gold (Up 62%)",
              "date": "2010-04-14",
              "urls": ["https://www.sec.gov/Archives/edgar/data/1277866/000119907310000298/ex99_1.htm"]}


def ln(s):
    hits = [i + 1 for i, l in enumerate(doc.lines) if s in l]
    assert len(hits) == 1, (s, hits)
    return hits[0]


def row(label):
    n = ln(label + "\t")
    cells = doc.lines[n - 1].split("\t")[1:]
    toks = []
    for c in cells:
        toks += c.replace("(", "").replace(")", "").split()
    return [doc.fig(n, x, nth=toks[:i + 1].count(x)) for i, x in enumerate(toks)]


gu, gj, co = row("Guanacevi"), row("Guanajuato"), row("Combined")
T, TPD, GAG, GAU, EQ, EQOZ, RAG, RAU, AG, AU = range(10)
DAYS = 90  # 1 January – 31 March 2010
n = ln("(at a 65:1 silver:gold ratio")
r65 = doc.fig(n, "65")
for k, nm in [(T, "tonnes"), (AG, "silver ounces"), (AU, "gold ounces")]:
    doc.relation("sum-of-segments", f"Combined {nm} = Guanacevi + Guanajuato", co[k], [gu[k], gj[k]], gu[k].i + gj[k].i)
for m, name in [(gu, "Guanacevi"), (co, "Combined")]:  # Guanajuato's tpd is on a 6-day week (footnote), days not stated
    doc.relation("throughput", f"{name} tonnes per day = tonnes ÷ 90 days (Q1 2010)", m[TPD], [m[T]], m[T].i / DAYS)
for m, name in [(gu, "Guanacevi"), (gj, "Guanajuato"), (co, "Combined")]:
    doc.relation("total", f"{name} silver equivalent g/t = Ag g/t + 65 × Au g/t (65:1)", m[EQ], [m[GAG], m[GAU], r65], m[GAG].i + r65.exact * m[GAU].i)
    doc.relation("restatement", f"{name} silver equivalent oz/T (in brackets) = g/t ÷ 31.1034768 (troy oz per metric tonne)", m[EQOZ], [m[EQ]], m[EQ].i / GRAMS_PER_TROY_OUNCE)
for m, name in [(gu, "Guanacevi"), (gj, "Guanajuato")]:
    doc.relation("recovery", f"{name} Ag recovery = Ag oz ÷ (t × Ag g/t ÷ 31.1034768)", m[RAG], [m[AG], m[T], m[GAG]], m[AG].i / contained_oz(m[T].i, m[GAG].i) * 100)
    doc.relation("recovery", f"{name} Au recovery = Au oz ÷ (t × Au g/t ÷ 31.1034768)", m[RAU], [m[AU], m[T], m[GAU]], m[AU].i / contained_oz(m[T].i, m[GAU].i) * 100)
doc.relation("weighted-average", "Combined Ag grade = tonnage-weighted grade of the two mines", co[GAG], [gu[T], gu[GAG], gj[T], gj[GAG]],
             weighted([(gu[T].i, gu[GAG].i), (gj[T].i, gj[GAG].i)]))
doc.relation("weighted-average", "Combined Au grade = tonnage-weighted grade of the two mines", co[GAU], [gu[T], gu[GAU], gj[T], gj[GAU]],
             weighted([(gu[T].i, gu[GAU].i), (gj[T].i, gj[GAU].i)]))
doc.relation("recovery", "Combined Ag recovery = Σ mines' Ag oz ÷ Σ mines' Ag fed", co[RAG], [gu[AG], gj[AG], gu[T], gu[GAG], gj[T], gj[GAG]],
             (gu[AG].i + gj[AG].i) / (contained_oz(gu[T].i, gu[GAG].i) + contained_oz(gj[T].i, gj[GAG].i)) * 100)
# The combined row printed its own tonnes, grades and ounces: its recovery from them is a relation too.
doc.relation("recovery", "Combined Ag recovery (own row) = Ag oz ÷ (t × Ag g/t ÷ 31.1034768)", co[RAG], [co[AG], co[T], co[GAG]], co[AG].i / contained_oz(co[T].i, co[GAG].i) * 100)
doc.relation("recovery", "Combined Au recovery (own row) = Au oz ÷ (t × Au g/t ÷ 31.1034768)", co[RAU], [co[AU], co[T], co[GAU]], co[AU].i / contained_oz(co[T].i, co[GAU].i) * 100)
doc.relation("recovery", "Combined Au recovery = Σ mines' Au oz ÷ Σ mines' Au fed", co[RAU], [gu[AU], gj[AU], gu[T], gu[GAU], gj[T], gj[GAU]],
             (gu[AU].i + gj[AU].i) / (contained_oz(gu[T].i, gu[GAU].i) + contained_oz(gj[T].i, gj[GAU].i)) * 100)
doc.relation("total", "silver-equivalent production 1,011,569 oz = silver oz + 65 × gold oz (65:1)", doc.fig(n, "1,011,569"), [co[AG], co[AU], r65],
             co[AG].i + r65.exact * co[AU].i)
doc.relation("restatement", "3,775 oz gold in the text = the table's combined", doc.fig(n, "3,775"), [co[AU]], co[AU].i, same=True)
n2 = ln("produced 766,210 ounces")
doc.relation("restatement", "766,210 oz silver in the text = the table's combined", doc.fig(n2, "766,210"), [co[AG]], co[AG].i, same=True)
doc.relation("restatement", "766,210 oz silver in the title line = the table's combined", doc.fig(1, "766,210"), [co[AG]], co[AG].i, same=True)
doc.relation("restatement", "3,775 oz gold in the title line = the table's combined", doc.fig(1, "3,775"), [co[AU]], co[AU].i, same=True)

NOTES = {
    "Combined Au recovery (own row) = Au oz ÷ (t × Au g/t ÷ 31.1034768)":
        "printed 78.7%; the combined row's own 3,775 oz from 112,963 t at 1.34 g/t gives 77.3–77.9%; the same disagreement as the one from the mines' figures",
    "Guanajuato Au recovery = Au oz ÷ (t × Au g/t ÷ 31.1034768)":
        "printed 79.5%; 2,498 oz from 43,441 t at 2.29 g/t (3,198 oz fed) gives 77.9–78.3%; a head grade of about 2.25 g/t would give 79.5%",
    "Combined Au recovery = Σ mines' Au oz ÷ Σ mines' Au fed":
        "printed 78.7%; 3,775 oz from 4,852 oz fed (Guanacevi 69,522 t at 0.74 g/t, Guanajuato 43,441 t at 2.29 g/t) gives 77.5–78.1%; follows from the Guanajuato gold figures",
}
import os
if os.environ.get("DRY"):
    [print(r["formula"], r["computed"], r["printed"]) for r in doc.relations if r["status"] != "ties"]; sys.exit()
for r in doc.relations:
    if r["formula"] in NOTES:
        assert r["status"] == "does_not_tie", r["formula"]
        r["note"] = NOTES[r["formula"]]
doc.write()
