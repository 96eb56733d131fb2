import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Starcore International Mines Ltd.",
    "title": "Starcore Announces 4th Quarter Production Results (fiscal 2019, quarter ended April 30, 2019)",
    "date": "2019-05-16",
    "urls": ["https://www.sec.gov/Archives/edgar/data/1301713/000130171319000008/nrmay16.htm"],
}
f = doc.fig


def cells(line, n):
    out, seen = [], {}
    for c in doc.lines[line - 1].split("\t")[1:n + 1]:
        if not c:
            out.append(None)
            continue
        seen[c] = seen.get(c, 0) + 1
        out.append(f(line, c, nth=seen[c]))
    return out


# columns: Q4 2019, Q3 2019, Q/Q Change, YTD 2019, YTD 2018, Y/Y Change
rows = {"ore milled t": 12, "gold equivalent oz": 13, "gold grade g/t": 14, "silver grade g/t": 15,
        "gold recovery %": 16, "silver recovery %": 17}
def note(chg, cur, prior):
    """Checked by hand: most changes of this release that do not tie are (current − prior) ÷ current."""
    if pct_change(cur.i, prior.i).meets(chg.i):
        return ""
    std = float((cur.value / prior.value - 1) * 100)
    alt_i = (cur.i - prior.i) / cur.i * 100
    alt = float((cur.value - prior.value) / cur.value * 100)
    if alt_i.meets(chg.i):
        return (f"printed {chg.text}; {cur.text} ÷ {prior.text} − 1 = {std:.2f}%. The printed figure is "
                f"({cur.text} − {prior.text}) ÷ {cur.text} = {alt:.2f}%: the change is taken on the current figure, not the prior one")
    return (f"printed {chg.text}; {cur.text} ÷ {prior.text} − 1 = {std:.2f}% (and ({cur.text} − {prior.text}) ÷ {cur.text} = {alt:.2f}%): "
            f"neither reading gives the printed change")


for name, line in rows.items():
    c = cells(line, 6)
    doc.relation("change", f"Q/Q change of {name} = Q4 2019 (quarter ended Apr 30, 2019) ÷ Q3 2019 − 1", c[2], [c[0], c[1]],
                 pct_change(c[0].i, c[1].i), note=note(c[2], c[0], c[1]))
    doc.relation("change", f"Y/Y change of {name} = YTD 2019 (fiscal year to Apr 30, 2019) ÷ YTD 2018 − 1", c[5], [c[3], c[4]],
                 pct_change(c[3].i, c[4].i), note=note(c[5], c[3], c[4]))

doc.write()
