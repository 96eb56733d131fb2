import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *
from answers import _token_starts

doc = Doc(__file__)
doc.source = {"company": "Coeur Mining, Inc.",
              "title": "Coeur Mining reports first quarter 2017 production and sales results (Palmarejo section)",
              "date": "2017-04",
              "urls": ["https://www.sec.gov/Archives/edgar/data/215466/000021546617000070/a1q17pre-releasexexhibit991.htm"]}


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


def recoveries(COLS, tons, gl_ag, gl_au, pl_ag, pl_au, rl_ag, rl_au):
    """recovery = ounces produced ÷ (tons milled × oz/t): Palmarejo's mill, same quarter."""
    for k, c in COLS.items():
        t = cell(tons, k)
        for gl, pl, rl, name, sc in [(gl_ag, pl_ag, rl_ag, "Ag", 1000), (gl_au, pl_au, rl_au, "Au", 1)]:
            g, p, r = cell(gl, k), cell(pl, k, sc), cell(rl, k)
            doc.relation("recovery", f"{name} recovery {c} = produced ÷ (tons milled × {name} oz/t)", r, [p, t, g],
                         p.i / (t.i * g.i) * 100)



def change(line, text, nth, name, cur, prior, down=False):
    c = pct_change(cur.i, prior.i)
    doc.relation("change-in-prose", name, doc.fig(line, text, nth), [cur, prior], -c if down else c)


# columns: 1 = 1Q 2017, 2 = 4Q 2016, 3 = 3Q 2016, 4 = 2Q 2016, 5 = 1Q 2016.  The grades printed are of the ore
# mined (underground and surface), not of the ore milled, so recovery is not checked against them.
prod = row("Ounces Produced")
agp, aup = row("Silver (000's)", prod), row("Gold", prod)
sold = row("Ounces Sold")
ags, aus = row("Silver (000's)", sold), row("Gold", sold)

b = line_with("ounces of silver and 30,792 ounces of gold produced")
doc.relation("restatement", "1Q 2017 silver produced 1.5 million ounces = table 1,531 (000's)", doc.fig(b, "1.5", scale=10**6),
             [cell(agp, 1, 1000)], cell(agp, 1, 1000).i)
doc.relation("restatement", "1Q 2017 gold produced 30,792 (prose) = table", doc.fig(b, "30,792"), [cell(aup, 1)], cell(aup, 1).i, same=True)
change(b, "21%", 1, "silver production 1Q 2017 vs 4Q 2016 (previous quarter): up 21%", cell(agp, 1), cell(agp, 2))
change(b, "29%", 1, "gold production 1Q 2017 vs 4Q 2016 (previous quarter): up 29%", cell(aup, 1), cell(aup, 2))
change(b, "64%", 1, "silver production 1Q 2017 vs 1Q 2016 (same quarter a year earlier): up 64%", cell(agp, 1), cell(agp, 5))
change(b, "110%", 1, "gold production 1Q 2017 vs 1Q 2016 (same quarter a year earlier): up 110%", cell(aup, 1), cell(aup, 5))
b2 = line_with("Sales of silver and gold rose")
change(b2, "110%", 1, "silver sales 1Q 2017 vs 4Q 2016: rose 110%", cell(ags, 1), cell(ags, 2))
change(b2, "164%", 1, "gold sales 1Q 2017 vs 4Q 2016: rose 164%", cell(aus, 1), cell(aus, 2))
doc.relation("restatement", "1Q 2017 silver sold 2.0 million ounces = table 1,965 (000's)", doc.fig(b2, "2.0", scale=10**6),
             [cell(ags, 1, 1000)], cell(ags, 1, 1000).i)
doc.relation("restatement", "1Q 2017 gold sold 41,045 (prose) = table", doc.fig(b2, "41,045"), [cell(aus, 1)], cell(aus, 1).i, same=True)
change(b2, "112%", 1, "silver sales 1Q 2017 vs 1Q 2016 (a year earlier): up 112%", cell(ags, 1), cell(ags, 5))
change(b2, "218%", 1, "gold sales 1Q 2017 vs 1Q 2016 (a year earlier): up 218%", cell(aus, 1), cell(aus, 5))

report()
doc.write()
