import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *
from answers import _token_starts

doc = Doc(__file__)
doc.source = {"company": "Coeur Mining, Inc.",
              "title": "Coeur Mining reports first quarter 2019 production and sales results (Palmarejo section)",
              "date": "2019-04",
              "urls": ["https://www.sec.gov/Archives/edgar/data/215466/000021546619000087/a1q19pre-releasexexhibit991.htm"]}


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


COLS = {1: "1Q 2019", 2: "4Q 2018", 3: "3Q 2018", 4: "2Q 2018", 5: "1Q 2018"}
tons, agg, aug = row("Tons milled"), row("Average silver grade (oz/t)"), row("Average gold grade (oz/t)")
agr, aur = row("Average recovery rate – Ag"), row("Average recovery rate – Au")
prod = row("Ounces Produced")
agp, aup = row("Silver (000's)", prod), row("Gold", prod)
sold = row("Ounces Sold")
aus = row("Gold", sold)
recoveries(COLS, tons, agg, aug, agp, aup, agr, aur)

b = line_with("first-quarter gold production fell 26%")
change(b, "26%", 1, "gold production 1Q 2019 vs 4Q 2018 (prior quarter): fell 26%", cell(aup, 1), cell(aup, 2), down=True)
doc.relation("restatement", "1Q 2019 gold produced 23,205 (prose) = table", doc.fig(b, "23,205"), [cell(aup, 1)], cell(aup, 1).i, same=True)
change(b, "32%", 1, "silver production 1Q 2019 vs 4Q 2018 (prior quarter): fell 32%", cell(agp, 1), cell(agp, 2), down=True)
doc.relation("restatement", "1Q 2019 silver produced 1.3 million ounces = table 1,278 (000's)", doc.fig(b, "1.3", scale=10**6),
             [cell(agp, 1, 1000)], cell(agp, 1, 1000).i)
change(b, "22%", 1, "gold production 1Q 2019 vs 1Q 2018 (year-over-year): down 22%", cell(aup, 1), cell(aup, 5), down=True)
change(b, "37%", 1, "silver production 1Q 2019 vs 1Q 2018 (year-over-year): down 37%", cell(agp, 1), cell(agp, 5), down=True)
b5 = line_with("first-quarter gold sales")
share, oz = doc.fig(b5, "32%"), doc.fig(b5, "8,803")
doc.relation("share-in-prose", "8,803 oz under the stream ÷ 1Q 2019 gold sold = about 32%", share, [oz, cell(aus, 1)], oz.i / cell(aus, 1).i * 100)

report()
doc.write()
