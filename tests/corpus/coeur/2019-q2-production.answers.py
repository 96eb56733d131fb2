import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *
from answers import _token_starts

doc = Doc(__file__)
doc.source = {"company": "Coeur Mining, Inc.",
              "title": "Coeur Mining reports second quarter 2019 production and sales results (Palmarejo section)",
              "date": "2019-07",
              "urls": ["https://www.sec.gov/Archives/edgar/data/215466/000021546619000104/a2q19pre-releasexexhibit991.htm"]}


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


COLS = {1: "2Q 2019", 2: "1Q 2019", 3: "4Q 2018", 4: "3Q 2018", 5: "2Q 2018"}
tons, aug, agg = row("Tons milled"), row("Average gold grade (oz/t)"), row("Average silver grade (oz/t)")
aur, agr = row("Average recovery rate – Au"), row("Average recovery rate – Ag")
prod = row("Ounces Produced")
aup, agp = row("Gold", prod), row("Silver (000's)", prod)
sold = row("Ounces Sold")
aus, ags = row("Gold", sold), row("Silver (000's)", sold)

# recovery = ounces produced ÷ (tons milled × oz/t): Palmarejo's mill, same quarter
for k, c in COLS.items():
    t = cell(tons, k)
    for gl, pl, rl, name, sc in [(aug, aup, aur, "Au", 1), (agg, agp, agr, "Ag", 1000)]:
        g, p, r = cell(gl, k), cell(pl, k, sc), cell(rl, k)
        doc.relation("recovery", f"{name} recovery {c} = produced ÷ (tons milled × {name} oz/t)", r, [p, t, g],
                     p.i / (t.i * g.i) * 100)

b1 = line_with("second-quarter gold production climbed")
doc.relation("change-in-prose", "gold production 2Q 2019 vs 1Q 2019 (prior quarter): climbed 22%", doc.fig(b1, "22%"),
             [cell(aup, 1), cell(aup, 2)], pct_change(cell(aup, 1).i, cell(aup, 2).i))
doc.relation("restatement", "2Q 2019 gold produced 28,246 (prose) = table", doc.fig(b1, "28,246"), [cell(aup, 1)], cell(aup, 1).i, same=True)
doc.relation("change-in-prose", "silver production 2Q 2019 vs 1Q 2019 (prior quarter): climbed 36%", doc.fig(b1, "36%"),
             [cell(agp, 1), cell(agp, 2)], pct_change(cell(agp, 1).i, cell(agp, 2).i))
doc.relation("restatement", "2Q 2019 silver produced 1.7 million ounces = table 1,735 (000's)", doc.fig(b1, "1.7", scale=10**6),
             [cell(agp, 1, 1000)], cell(agp, 1, 1000).i)
doc.relation("change-in-prose", "gold production 2Q 2019 vs 2Q 2018 (same quarter a year earlier): fell approximately 16%",
             doc.fig(b1, "16%"), [cell(aup, 1), cell(aup, 5)], -pct_change(cell(aup, 1).i, cell(aup, 5).i))
doc.relation("change-in-prose", "silver production 2Q 2019 vs 2Q 2018 (same quarter a year earlier): fell approximately 16%",
             doc.fig(b1, "16%"), [cell(agp, 1), cell(agp, 5)], -pct_change(cell(agp, 1).i, cell(agp, 5).i))
b2 = line_with("18% increase in mill throughput")
doc.relation("change-in-prose", "mill throughput 2Q 2019 vs 1Q 2019 (tons milled): 18% increase", doc.fig(b2, "18%"),
             [cell(tons, 1), cell(tons, 2)], pct_change(cell(tons, 1).i, cell(tons, 2).i))
b5 = line_with("second-quarter gold sales")
share, oz = doc.fig(b5, "22%"), doc.fig(b5, "6,190")
doc.relation("share-in-prose", "6,190 oz under the stream ÷ 2Q 2019 gold sold = about 22%", share, [oz, cell(aus, 1)],
             oz.i / cell(aus, 1).i * 100)

report()
doc.write()
