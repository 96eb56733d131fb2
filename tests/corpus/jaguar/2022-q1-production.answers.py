import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Jaguar Mining",
    "title": "Jaguar Mining Reports First Quarter Production Results (Q1 2022)",
    "date": "2022-04-14",
    "urls": ["http://business.statesmanexaminer.com/statesmanexaminer/article/accesswire-2022-4-14-jaguar-mining-reports-first-quarter-production-results"],
}

def change(line, pct, cur, prior, what, sign=1):
    c, p = doc.fig(line, cur), doc.fig(line, prior)
    doc.relation("change-in-prose", f"{what}: {pct} = (Q1 2022 ÷ Q1 2021 − 1) × 100",
                 target=doc.fig(line, pct), inputs=[c, p], computed=sign * pct_change(c.i, p.i))
    return c, p

cons22, cons21 = change(10, "8%", "16,663", "18,160", "consolidated gold fell 8%", sign=-1)
pil22, pil21 = change(11, "6%", "9,082", "9,643", "Pilar down 6%", sign=-1)
tur22, tur21 = change(12, "11%", "7,581", "8,517", "Turmalina down 11%", sign=-1)
change(13, "30%", "2,620", "2,016", "development 30% more")
change(14, "65%", "25,771", "15,598", "drilling rose 65%")

doc.relation("sum-of-segments", "Q1 2022 consolidated gold = Pilar + Turmalina",
             target=cons22, inputs=[pil22, tur22], computed=pil22.i + tur22.i)
doc.relation("sum-of-segments", "Q1 2021 consolidated gold = Pilar + Turmalina",
             target=cons21, inputs=[pil21, tur21], computed=pil21.i + tur21.i)
doc.write()
