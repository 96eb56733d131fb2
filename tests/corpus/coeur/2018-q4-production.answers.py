import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *
from answers import _token_starts

doc = Doc(__file__)
doc.source = {"company": "Coeur Mining, Inc.",
              "title": "Coeur Mining reports fourth quarter and full-year 2018 production and sales results (Palmarejo section)",
              "date": "2019-01-14",
              "urls": ["https://www.sec.gov/Archives/edgar/data/215466/000021546619000009/a4q18pre-releasexexhibit991.htm"]}


def row(label, after=0):
    """1-based line of the first row at or after line `after` whose label cell is `label`."""
    for i, l in enumerate(doc.lines):
        if i + 1 > after and l.split("\t")[0] == label:
            return i + 1
    raise LookupError(label)


def line_with(text, after=0):
    for i, l in enumerate(doc.lines):
        if i + 1 > after and text in l:
            return i + 1
    raise LookupError(text)


def cell(line, k, scale=1):
    """The k-th tab cell (0 = label) of a line, as a figure."""
    cells = doc.lines[line - 1].split("\t")
    text = cells[k]
    offset = len("\t".join(cells[:k])) + 1
    nth = sum(1 for s in _token_starts(doc.lines[line - 1], text) if s <= offset)
    return doc.fig(line, text, nth, scale)


def wavg(pairs):
    """Exact range of Σ w·v ÷ Σ w over the box of [(w, v), ...] intervals (its extremes lie at
    the box's vertices), tighter than weighted(), where each weight appears twice."""
    import itertools
    ends = [((w.lo, w.hi), (v.lo, v.hi)) for w, v in pairs]
    vals = []
    for pick in itertools.product(*[itertools.product(we, ve) for we, ve in ends]):
        vals.append(sum(w * v for w, v in pick) / sum(w for w, _ in pick))
    return I(min(vals), max(vals))


def report():
    for r in doc.relations:
        if r["status"] != "ties":
            print("DOES NOT TIE:", r["formula"], r["computed"], r["printed"], r["note"])


COLS = {1: "2018", 2: "4Q 2018", 3: "3Q 2018", 4: "2Q 2018", 5: "1Q 2018", 6: "2017", 7: "4Q 2017"}
QS = [2, 3, 4, 5]
tons, agg, aug, agr, aur = row("Tons milled"), row("Average silver grade (oz/t)"), row("Average gold grade (oz/t)"), row("Average recovery rate – Ag"), row("Average recovery rate – Au")
prod = row("Ounces Produced")
agp, aup, eqp, eqsp = row("Silver (000's)", prod), row("Gold", prod), row("Silver equivalent1 (000's)", prod), row("Silver equivalent1 (average spot) (000's)", prod)
sold = row("Ounces Sold")
ags, aus, eqs, eqss = row("Silver (000's)", sold), row("Gold", sold), row("Silver equivalent1 (000's)", sold), row("Silver equivalent1 (average spot) (000's)", sold)

# recovery = ounces produced ÷ (tons milled × oz/t) — a mill; the release itself says the 4Q 2018 Au
# recovery was lifted by drawing down in-circuit inventory, i.e. it is computed this way.
for k, c in COLS.items():
    t, g, p, r = cell(tons, k), cell(agg, k), cell(agp, k, 1000), cell(agr, k)
    doc.relation("recovery", f"Ag recovery {c} = silver produced ÷ (tons milled × Ag oz/t)", r, [p, t, g],
                 p.i / (t.i * g.i) * 100)
    g, p, r = cell(aug, k), cell(aup, k), cell(aur, k)
    doc.relation("recovery", f"Au recovery {c} = gold produced ÷ (tons milled × Au oz/t)", r, [p, t, g],
                 p.i / (t.i * g.i) * 100)

# 2018 = Σ quarters (not the average-spot equivalents: each period converts gold at its own average spot ratio)
for line, name, sc in [(tons, "tons milled", 1), (agp, "silver produced (000's)", 1), (aup, "gold produced", 1),
                       (eqp, "silver equivalent produced (000's)", 1),
                       (ags, "silver sold (000's)", 1), (aus, "gold sold", 1), (eqs, "silver equivalent sold (000's)", 1)]:
    qs = [cell(line, k) for k in QS]
    doc.relation("period-sum", f"2018 {name} = 4Q + 3Q + 2Q + 1Q 2018", cell(line, 1), qs, total(q.i for q in qs))

for gl, name in [(agg, "Ag"), (aug, "Au")]:
    parts = [(cell(tons, k), cell(gl, k)) for k in QS]
    doc.relation("weighted-average", f"2018 {name} grade = Σ(tons × oz/t) ÷ Σ tons over the four quarters",
                 cell(gl, 1), [x for pr in parts for x in pr], wavg([(t.i, g.i) for t, g in parts]))

for pl, gl, rl, name, sc in [(agp, agg, agr, "Ag", 1000), (aup, aug, aur, "Au", 1)]:
    fed = [(cell(tons, k), cell(gl, k)) for k in QS]
    p = cell(pl, 1, sc)
    doc.relation("weighted-average", f"2018 {name} recovery = 2018 produced ÷ Σ quarters (tons × oz/t)",
                 cell(rl, 1), [p] + [x for pr in fed for x in pr], p.i / total(t.i * g.i for t, g in fed) * 100)

# prose (line of the first bullet)
b = next(i + 1 for i, l in enumerate(doc.lines) if l.startswith("• Compared with the third quarter"))
doc.relation("change-in-prose", "gold production 4Q 2018 vs 3Q 2018: rose 12%", doc.fig(b, "12%"),
             [cell(aup, 2), cell(aup, 3)], pct_change(cell(aup, 2).i, cell(aup, 3).i))
doc.relation("restatement", "4Q 2018 gold produced 31,239 (prose) = table", doc.fig(b, "31,239"), [cell(aup, 2)],
             cell(aup, 2).i, same=True)
doc.relation("change-in-prose", "silver production 4Q 2018 vs 3Q 2018: rose 23%", doc.fig(b, "23%"),
             [cell(agp, 2), cell(agp, 3)], pct_change(cell(agp, 2).i, cell(agp, 3).i))
doc.relation("restatement", "4Q 2018 silver produced 1.9 million ounces = table 1,893 (000's)", doc.fig(b, "1.9", scale=10**6),
             [cell(agp, 2, 1000)], cell(agp, 2, 1000).i)
doc.relation("restatement", "4Q 2018 silver equivalent produced 3.8 million ounces = table 3,768 (000's)", doc.fig(b, "3.8", scale=10**6),
             [cell(eqp, 2, 1000)], cell(eqp, 2, 1000).i)
doc.relation("restatement", "4Q 2018 silver equivalent (average spot) 4.5 million ounces = table 4,528 (000's)", doc.fig(b, "4.5", scale=10**6),
             [cell(eqsp, 2, 1000)], cell(eqsp, 2, 1000).i)
doc.relation("change-in-prose", "silver equivalent production 4Q 2018 vs 3Q 2018: 17% above", doc.fig(b, "17%"),
             [cell(eqp, 2), cell(eqp, 3)], pct_change(cell(eqp, 2).i, cell(eqp, 3).i))
doc.relation("change-in-prose", "gold production year-over-year (2018 vs 2017 columns): up 1%", doc.fig(b, "1%"),
             [cell(aup, 1), cell(aup, 6)], pct_change(cell(aup, 1).i, cell(aup, 6).i))
doc.relation("change-in-prose", "silver production year-over-year (2018 vs 2017 columns): up 4%", doc.fig(b, "4%"),
             [cell(agp, 1), cell(agp, 6)], pct_change(cell(agp, 1).i, cell(agp, 6).i))

report()
doc.write()
