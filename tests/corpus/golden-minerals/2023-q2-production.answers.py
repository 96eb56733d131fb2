import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *
from answers import _token_starts

doc = Doc(__file__)
doc.source = {"company": "Golden Minerals Company",
              "title": "Golden Minerals Company reports Q2 2023 gold production (Rodeo)",
              "date": "2023-07-20",
              "urls": ["https://markets.financialcontent.com/lightport.lightport1/article/bizwire-2023-7-20-golden-minerals-company-reports-q2-2023-gold-production",
                       "https://www.goldseiten.de/artikel/587601--Golden-Minerals-Company-Reports-Q2-2023-Gold-Production.html"]}


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


# columns: 1 = Q1 2023, 2 = Q2 2023, 3 = six months
mined, await_, low, proc, tpd = (row(x) for x in ["Tonnes mined (1)", "Tonnes in stockpiles awaiting processing (2)",
                                                  "Tonnes in low grade stockpiles (3)", "Tonnes processed", "Average tonnes per day processed"])
aug, agg = row("Average gold grade processed (grams per tonne)"), row("Average silver grade processed (grams per tonne)")
aur, agr = row("Plant recovery - gold (%)"), row("Plant recovery - silver (%)")
flows = [(mined, "tonnes mined"), (proc, "tonnes processed"),
         (row("Payable gold produced in dore (ounces)"), "payable gold produced"),
         (row("Payable silver produced in dore (ounces)"), "payable silver produced"),
         (row("Payable gold equivalent produced in dore (ounces) (4)"), "payable gold equivalent produced"),
         (row("Gold sold in dore (ounces)"), "gold sold"), (row("Silver sold in dore (ounces)"), "silver sold"),
         (row("Gold equivalent sold in dore (ounces) (4)"), "gold equivalent sold")]
for line, name in flows:
    a, b = cell(line, 1), cell(line, 2)
    doc.relation("period-sum", f"six months {name} = Q1 + Q2 2023", cell(line, 3), [a, b], a.i + b.i)

for line, name in [(await_, "tonnes in stockpiles awaiting processing"), (low, "tonnes in low grade stockpiles")]:
    doc.relation("same-figure", f"{name} at the end of the six months = at the end of Q2 2023 (a balance at June 30)",
                 cell(line, 3), [cell(line, 2)], cell(line, 2).i, same=True)

for k, days, name in [(1, 90, "Q1 2023 (90 days)"), (2, 91, "Q2 2023 (91 days)"), (3, 181, "six months (181 days)")]:
    t = cell(proc, k)
    doc.relation("throughput", f"tonnes per day {name} = tonnes processed ÷ calendar days", cell(tpd, k), [t], t.i / days)

for gl, name in [(aug, "gold"), (agg, "silver")]:
    parts = [(cell(proc, k), cell(gl, k)) for k in (1, 2)]
    doc.relation("weighted-average", f"six-month {name} grade = Σ(tonnes × g/t) ÷ Σ tonnes of Q1 and Q2",
                 cell(gl, 3), [x for p in parts for x in p], wavg([(t.i, g.i) for t, g in parts]))

NOTES = {"silver": "printed 80.4% is the tonnage-weighted mean of 75.5% and 85.6% (80.38%); weighted by the silver fed "
                    "(54,272 t × 9.0 g/t and 50,787 t × 5.8 g/t) the six-month recovery is 79.2–79.4%, checked by hand (79.30% at the printed values)"}
for gl, rl, name in [(aug, aur, "gold"), (agg, agr, "silver")]:
    parts = [(cell(proc, k), cell(gl, k), cell(rl, k)) for k in (1, 2)]
    doc.relation("weighted-average", f"six-month {name} recovery = Σ recovered (t × g/t × recovery) ÷ Σ fed (t × g/t) of Q1 and Q2",
                 cell(rl, 3), [x for p in parts for x in p],
                 wavg([(t.i * g.i, r.i) for t, g, r in parts]), note=NOTES.get(name, ""))

# realized price of the six months = sales-weighted average of the quarters' realized prices
for pl, sl, name in [(row("Gold (dollar per ounce)"), row("Gold sold in dore (ounces)"), "gold"),
                     (row("Silver (dollar per ounce)"), row("Silver sold in dore (ounces)"), "silver")]:
    q = [(cell(sl, k), cell(pl, 2 * k)) for k in (1, 2)]
    doc.relation("weighted-average", f"six-month realized {name} price = Σ(oz sold × price) ÷ Σ oz sold of Q1 and Q2",
                 cell(pl, 6), [x for p in q for x in p], wavg([(s.i, p.i) for s, p in q]))

report()
doc.write()
