import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *
from answers import _token_starts

doc = Doc(__file__)
doc.source = {"company": "Gold Resource Corporation",
              "title": "Gold Resource Corporation reports Q3 and year-to-date 2024 preliminary results (sales statistics)",
              "date": "2024-10",
              "urls": ["https://miragenews.com/gold-resource-corp-reports-q3-ytd-preliminary-1343209"]}


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


# columns: 1 = Q3 2024, 2 = Q3 2023, 3 = nine months 2024, 4 = nine months 2023
COLS = {1: "Q3 2024", 2: "Q3 2023", 3: "nine months 2024", 4: "nine months 2023"}
au, ag, cu, pb, zn = (row(x) for x in ["Gold (ozs.)", "Silver (ozs.)", "Copper (tonnes)", "Lead (tonnes)", "Zinc (tonnes)"])
g_oz, eq_ag, tot = row("Gold Ounces"), row("Gold Equivalent Ounces from Silver"), row("Total AuEq oz")

for k, c in COLS.items():
    a, b = cell(g_oz, k), cell(eq_ag, k)
    doc.relation("total", f"Total AuEq oz {c} = gold ounces + gold equivalent ounces from silver", cell(tot, k), [a, b], a.i + b.i)
    doc.relation("same-figure", f"gold ounces in the AuEq table {c} = gold produced and sold (ozs.)", cell(g_oz, k), [cell(au, k)], cell(au, k).i, same=True)

p = line_with("has announced preliminary figures")
for text, line, k, name in [("1,357", au, 1, "Q3 2024 gold sold"), ("181,434", ag, 1, "Q3 2024 silver sold"),
                            ("3,526", tot, 1, "Q3 2024 total AuEq ounces"), ("1,473", zn, 1, "Q3 2024 zinc sold (tonnes)"),
                            ("98", cu, 1, "Q3 2024 copper sold (tonnes)"), ("467", pb, 1, "Q3 2024 lead sold (tonnes)"),
                            ("15,325", tot, 3, "nine months 2024 total AuEq ounces"), ("4,926", zn, 3, "nine months 2024 zinc sold (tonnes)"),
                            ("559", cu, 3, "nine months 2024 copper sold (tonnes)"), ("1,625", pb, 3, "nine months 2024 lead sold (tonnes)")]:
    doc.relation("restatement", f"{name} {text} (prose) = table", doc.fig(p, text), [cell(line, k)], cell(line, k).i, same=True)

# Review addition: gold equivalent ounces from silver = silver oz × realized Ag price ÷ realized Au price
# (the row converts the silver sold at the ratio of the average realized prices printed above it; the
# release's footnote on the method is not kept, but every column follows it).
pau, pag = row("Gold ($ per oz.)"), row("Silver ($ per oz.)")
for k, c in COLS.items():
    s_oz, sp, gp = cell(ag, k), cell(pag, 2 * k), cell(pau, 2 * k)
    doc.relation("total", f"gold equivalent ounces from silver {c} = silver oz × realized Ag price ÷ realized Au price",
                 cell(eq_ag, k), [s_oz, sp, gp], s_oz.i * sp.i / gp.i)

report()
doc.write()
