import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Jaguar Mining",
    "title": "Jaguar Mining Q4 and full year 2021 production results and FY 2022 guidance",
    "date": "2022-01",
    "urls": ["https://resourceworld.com/jaguar-mining-produced-83878-oz-gold-in-2021-brazil/"],
}

def chg(line, pct, cur, prior, what, sign=1, nc=1, np=1):
    c, p = doc.fig(line, cur, nth=nc), doc.fig(line, prior, nth=np)
    doc.relation("change-in-prose", f"{what}: {pct} = ({cur} ÷ {prior} − 1) × 100" + (" (a decrease)" if sign < 0 else ""),
                 target=doc.fig(line, pct), inputs=[c, p], computed=sign * pct_change(c.i, p.i))
    return c, p

chg(10, "2%", "22,903", "22,533", "Q4 2021 vs Q4 2020 gold production")
chg(10, "8%", "83,878", "91,118", "2021 vs 2020 gold production", sign=-1)
chg(12, "9%", "3.81", "3.50", "Q4 2021 vs Q4 2020 grade")
chg(12, "7%", "213,000", "228,000", "Q4 2021 vs Q4 2020 tonnes processed", sign=-1)
chg(12, "6%", "856,000", "804,000", "2021 vs 2020 tonnes processed")
chg(12, "13%", "3.47", "3.98", "2021 vs 2020 grade", sign=-1)

pri, sec, tot = doc.fig(14, "1,426"), doc.fig(14, "1,189"), doc.fig(14, "2,615")
doc.relation("total", "Q4 2021 development 2,615 m = primary 1,426 + secondary 1,189",
             target=tot, inputs=[pri, sec], computed=pri.i + sec.i)
chg(14, "3%", "2,615", "2,538", "Q4 2021 vs Q4 2020 development")
pri, sec, tot = doc.fig(14, "4,722"), doc.fig(14, "4,835"), doc.fig(14, "9,557")
doc.relation("total", "2021 development 9,557 m = primary 4,722 + secondary 4,835",
             target=tot, inputs=[pri, sec], computed=pri.i + sec.i)
chg(14, "2%", "9,557", "9,725", "2021 vs 2020 development", sign=-1)
doc.write()
