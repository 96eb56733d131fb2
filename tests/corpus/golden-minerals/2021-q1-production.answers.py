import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *
from answers import _token_starts

doc = Doc(__file__)
doc.source = {"company": "Golden Minerals Company",
              "title": "Golden Minerals on track with 1st quarter 2021 gold-silver production (Rodeo)",
              "date": "2021-04-19",
              "urls": ["https://markets.businessinsider.com./news/stocks/golden-minerals-on-track-with-1st-quarter-2021-gold-silver-production-1030317017",
                       "https://mx.advfn.com/bolsa-de-valores/TSX/AUMN/noticias/84855885/golden-minerals-on-track-with-1st-quarter-2021-gol"]}


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


eqp, aup, agp = row("Payable gold equivalent produced in doré (oz)"), row("Payable gold produced in doré (oz)"), row("Payable silver produced in doré (oz)")
eqs, aus, ags = row("Gold equivalent sold in doré (oz)"), row("Gold sold in doré (oz)"), row("Silver sold in doré (oz)")
proc, tpd = row("Tonnes processed"), row("Average tonnes per day processed")
pau, pag = cell(row("Gold in doré ($/oz)"), 1), cell(row("Silver in doré ($/oz)"), 1)

# gold equivalent = gold + silver × (realized Ag price ÷ realized Au price), as the table's note says
for e, a, s, name in [(eqp, aup, agp, "payable produced"), (eqs, aus, ags, "sold")]:
    A, S = cell(a, 1), cell(s, 1)
    doc.relation("total", f"gold equivalent {name} = gold + silver × realized Ag price ÷ realized Au price",
                 cell(e, 1), [A, S, pag, pau], A.i + S.i * pag.i / pau.i)

t = cell(proc, 1)
doc.relation("throughput", "average tonnes per day Q1 2021 = tonnes processed ÷ 90 calendar days", cell(tpd, 1), [t], t.i / 90)

b1 = line_with("Gold-silver doré output of 1,559")
doc.relation("restatement", "Q1 2021 gold equivalent produced 1,559 (bullet) = table", doc.fig(b1, "1,559"), [cell(eqp, 1)], cell(eqp, 1).i, same=True)
b2 = line_with("Sales of 1,054 gold equivalent")
doc.relation("restatement", "Q1 2021 gold equivalent sold 1,054 (bullet) = table", doc.fig(b2, "1,054"), [cell(eqs, 1)], cell(eqs, 1).i, same=True)

report()
doc.write()
