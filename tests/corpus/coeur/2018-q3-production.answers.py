import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *
from answers import _token_starts

doc = Doc(__file__)
doc.source = {"company": "Coeur Mining, Inc.",
              "title": "Coeur Mining reports third quarter 2018 production and sales results (Palmarejo section)",
              "date": "2018-10-09",
              "urls": ["https://www.sec.gov/Archives/edgar/data/215466/000021546618000133/a3q18pre-releasexexhibit991.htm"]}


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


COLS = {1: "3Q 2018", 2: "2Q 2018", 3: "1Q 2018", 4: "4Q 2017", 5: "3Q 2017"}
tons, agg, aug = row("Tons milled"), row("Average silver grade (oz/t)"), row("Average gold grade (oz/t)")
agr, aur = row("Average recovery rate – Ag"), row("Average recovery rate – Au")
prod = row("Ounces Produced")
agp, aup, eqp, eqsp = row("Silver (000's)", prod), row("Gold", prod), row("Silver equivalent1 (000's)", prod), row("Silver equivalent1 (average spot) (000's)", prod)
recoveries(COLS, tons, agg, aug, agp, aup, agr, aur)

b = line_with("Silver equivalent1 production in the third quarter")
doc.relation("restatement", "3Q 2018 silver equivalent produced 3.2 million ounces = table 3,217 (000's)", doc.fig(b, "3.2", scale=10**6),
             [cell(eqp, 1, 1000)], cell(eqp, 1, 1000).i)
doc.relation("restatement", "3Q 2018 silver equivalent (average spot) 3.8 million ounces = table 3,796 (000's)", doc.fig(b, "3.8", scale=10**6),
             [cell(eqsp, 1, 1000)], cell(eqsp, 1, 1000).i)
change(b, "21%", 1, "silver equivalent production 3Q 2018 vs 2Q 2018 (prior quarter): 21% below", cell(eqp, 1), cell(eqp, 2), down=True)
change(b, "25%", 1, "silver production 3Q 2018 vs 2Q 2018: 25% lower", cell(agp, 1), cell(agp, 2), down=True)
change(b, "17%", 1, "gold production 3Q 2018 vs 2Q 2018: 17% lower", cell(aup, 1), cell(aup, 2), down=True)
change(b, "19%", 1, "silver production 3Q 2018 vs 3Q 2017 (third quarter of last year): fell 19%", cell(agp, 1), cell(agp, 5), down=True)
change(b, "4%", 1, "gold production 3Q 2018 vs 3Q 2017: fell 4%", cell(aup, 1), cell(aup, 5), down=True)

report()
doc.write()
