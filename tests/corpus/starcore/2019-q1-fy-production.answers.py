import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Starcore International Mines Ltd.",
    "title": "Starcore Announces 1st Quarter Production Results (fiscal 2019, quarter ended July 31, 2018)",
    "date": "2018-08-16",
    "urls": ["https://www.sec.gov/Archives/edgar/data/1301713/000130171318000038/nraug16.htm"],
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


# columns: Q1 2019, Q4 2018, Q/Q Change, Q1 2018, Y/Y Change
rows = {"ore milled t": 14, "gold equivalent oz": 15, "gold grade g/t": 16, "silver grade g/t": 17,
        "gold recovery %": 18, "silver recovery %": 19}
for name, line in rows.items():
    c = cells(line, 5)
    doc.relation("change", f"Q/Q change of {name} = Q1 2019 (quarter ended Jul 31, 2018) ÷ Q4 2018 − 1", c[2], [c[0], c[1]], pct_change(c[0].i, c[1].i))
    doc.relation("change", f"Y/Y change of {name} = Q1 2019 ÷ Q1 2018 − 1", c[4], [c[0], c[3]], pct_change(c[0].i, c[3].i))

doc.write()
