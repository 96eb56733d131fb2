import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *
from answers import _token_starts

doc = Doc(__file__)
doc.source = {"company": "Aya Gold & Silver Inc.",
              "title": "Aya Gold & Silver reports April production as Zgounder ramp up gains momentum",
              "date": "2025-05-09",
              "urls": ["https://6ix.com/company/aya-gold-and-silver-inc/news/aya-gold-and-silver-reports-april-production-as-zgounder-ramp-up-gains-momentum"]}


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


# columns: 1 = unit, 2 = Q1-2024, 3 = Q1-2025, 4 = April 2025 (the tonnage row is labelled kt but printed in tonnes)
tp, av, mine = row("Tonnage processed"), row("Mill availability"), row("Mine production")
b1 = line_with("2,750 tonnes per day")
m = cell(mine, 4)
doc.relation("throughput", "April 2025 mining rate = mine production ÷ 30 days", doc.fig(b1, "2,750"), [m], m.i / 30)
b2 = line_with("averaging 3,025 tpd")
t = cell(tp, 4)
doc.relation("throughput", "April 2025 mill throughput = tonnage processed ÷ 30 days", doc.fig(b2, "3,025"), [t], t.i / 30)
doc.relation("restatement", "April 2025 mill availability 98% (highlights) = table", doc.fig(b2, "98%"), [cell(av, 4)], cell(av, 4).i, same=True)

report()
doc.write()
