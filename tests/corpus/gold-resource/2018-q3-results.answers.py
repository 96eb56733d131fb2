import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *
from answers import _token_starts

doc = Doc(__file__)
doc.source = {"company": "Gold Resource Corporation",
              "title": "Gold Resource Corporation reports third quarter 2018 results",
              "date": "2018-10-30",
              "urls": ["https://goldresourcecorp.com/news-releases/gold-resource-corporation-reports-third-quarter-re-2290/"]}


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


intro = line_with("reported production of 6,411 ounces")
h_sales, h_au, h_ag = line_with("• $24.3 million net sales"), line_with("• 6,411 gold ounces"), line_with("• 321,590 silver ounces")
h_cc, h_cr = line_with("• $582 total cash cost"), line_with("• $13.0 million base metal")
ov = line_with("the company sold 9,466")

doc.relation("same-figure", "Q3 2018 net sales $24.3 million: highlights = opening", doc.fig(h_sales, "$24.3"), [doc.fig(intro, "$24.3")],
             doc.fig(intro, "$24.3").i, same=True)
doc.relation("same-figure", "Q3 2018 gold produced 6,411: highlights = opening", doc.fig(h_au, "6,411"), [doc.fig(intro, "6,411")],
             doc.fig(intro, "6,411").i, same=True)
doc.relation("same-figure", "Q3 2018 silver produced 321,590: highlights = opening", doc.fig(h_ag, "321,590"), [doc.fig(intro, "321,590")],
             doc.fig(intro, "321,590").i, same=True)
doc.relation("same-figure", "Q3 2018 total cash cost $582 per AuEq oz sold: overview = highlights", doc.fig(ov, "$582"), [doc.fig(h_cc, "$582")],
             doc.fig(h_cc, "$582").i, same=True)
credits, sold = doc.fig(h_cr, "$13.0", scale=10**6), doc.fig(ov, "9,466")
doc.relation("per-unit", "by-product credits per AuEq oz sold = $13.0 million ÷ 9,466 precious metal AuEq oz sold", doc.fig(h_cr, "$1,372"),
             [credits, sold], credits.i / sold.i)

report()
doc.write()
