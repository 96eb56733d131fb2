import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *
from answers import _token_starts

doc = Doc(__file__)
doc.source = {"company": "Aya Gold & Silver Inc.",
              "title": "Aya Gold & Silver announces record Q1-2025 production results",
              "date": "2025-04-11",
              "urls": ["https://aspiremarketguides.com/alternative-investments/aya-gold-silver-announces-record-q1-2025-production-results",
                       "https://6ix.com/company/aya-gold-and-silver-inc/news/aya-gold-and-silver-announces-record-q1-2025-production-results"]}


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


ag, tp, rec, av, mine = (row(x) for x in ["Silver production (oz)", "Tonnes processed (kt)", "Silver recovery (%)",
                                          "Mill availability (%)", "Mine production (t)"])
# Variance column: % change for quantities, points for the percentages (recovery 82 → 82 printed 0; availability printed -5%
# — a relative change of (91/96 − 1) and a difference of points both round near −5; checked as the relative change the % sign says)
for line, name in [(ag, "silver production"), (tp, "tonnes processed"), (mine, "mine production")]:
    a, b = cell(line, 1), cell(line, 2)
    doc.relation("change", f"{name} variance = Q1-2025 ÷ Q1-2024 − 1", cell(line, 3), [a, b], pct_change(a.i, b.i))
a, b = cell(rec, 1), cell(rec, 2)
doc.relation("change", "silver recovery variance = Q1-2025 − Q1-2024 (points)", cell(rec, 3), [a, b], a.i - b.i)
a, b = cell(av, 1), cell(av, 2)
doc.relation("change", "mill availability variance = Q1-2025 ÷ Q1-2024 − 1", cell(av, 3), [a, b], pct_change(a.i, b.i))

p = line_with("produced 1.07 million")
doc.relation("restatement", "Q1-2025 silver production 1.07 million oz (opening) = table 1,068,652", doc.fig(p, "1.07", scale=10**6),
             [cell(ag, 1)], cell(ag, 1).i)
# ("over one million ounces" in the CEO's comment is in words, with no printed figure to name, so it is not listed)

s1 = line_with("Silver production reached 1.07M oz")
doc.relation("restatement", "Q1-2025 silver production 1.07M oz (summary) = table", doc.fig(s1, "1.07", scale=10**6), [cell(ag, 1)], cell(ag, 1).i)
doc.relation("restatement", "Q1-2024 silver production 366,362 oz (summary) = table", doc.fig(s1, "366,362"), [cell(ag, 2)], cell(ag, 2).i, same=True)
a, b = cell(ag, 1), cell(ag, 2)
doc.relation("change-in-prose", "silver production Q1-2025 vs Q1-2024 (same period last year): increase of 192%", doc.fig(s1, "192%"), [a, b], pct_change(a.i, b.i))
s2 = line_with("Tonnes processed were 249,743")
doc.relation("restatement", "Q1-2025 tonnes processed 249,743 (summary) = table", doc.fig(s2, "249,743"), [cell(tp, 1)], cell(tp, 1).i, same=True)
doc.relation("restatement", "Q1-2024 tonnes processed 81,331t (summary) = table", doc.fig(s2, "81,331"), [cell(tp, 2)], cell(tp, 2).i, same=True)
a, b = cell(tp, 1), cell(tp, 2)
doc.relation("change-in-prose", "tonnes processed Q1-2025 vs Q1-2024: increase of 207%", doc.fig(s2, "207%"), [a, b], pct_change(a.i, b.i))
s3 = line_with("Silver recovery was 82%")
doc.relation("restatement", "Q1-2025 silver recovery 82% (summary) = table", doc.fig(s3, "82%"), [cell(rec, 1)], cell(rec, 1).i, same=True)
s4 = line_with("Combined mill availability was 91%")
doc.relation("restatement", "Q1-2025 mill availability 91% (summary) = table", doc.fig(s4, "91%"), [cell(av, 1)], cell(av, 1).i, same=True)
s5 = line_with("Mine production came to 194,661t")
doc.relation("restatement", "Q1-2025 mine production 194,661t (summary) = table", doc.fig(s5, "194,661"), [cell(mine, 1)], cell(mine, 1).i, same=True)
doc.relation("restatement", "Q1-2024 mine production 106,880t (summary) = table", doc.fig(s5, "106,880"), [cell(mine, 2)], cell(mine, 2).i, same=True)
a, b = cell(mine, 1), cell(mine, 2)
doc.relation("change-in-prose", "mine production Q1-2025 vs Q1-2024: increase of 82%", doc.fig(s5, "82%"), [a, b], pct_change(a.i, b.i))

report()
doc.write()
