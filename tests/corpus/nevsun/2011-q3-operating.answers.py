import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Nevsun Resources Ltd.",
    "title": "Nevsun Q3 Operating Highlights",
    "date": "2011-10-06",
    "urls": ["https://www.sec.gov/Archives/edgar/data/919991/000147237511000154/exhibit99-1.htm"],
}
f = doc.fig
t = [f(12, "461,000"), f(12, "444,000"), f(12, "446,000"), f(12, "1,351,000")]
oz = [f(14, "75,000"), f(14, "93,000"), f(14, "110,000"), f(14, "278,000")]

doc.relation("period-sum", "YTD 2011 tonnes milled = Q1 + Q2 + Q3 2011", t[3], t[:3], total(x.i for x in t[:3]))
doc.relation("period-sum", "YTD 2011 gold ounces produced = Q1 + Q2 + Q3 2011", oz[3], oz[:3], total(x.i for x in oz[:3]))
doc.relation("restatement", "highlights: Q3 2011 gold 110,000 oz = table", f(9, "110,000"), [oz[2]], oz[2].i, same=True)
doc.relation("restatement", "highlights: year-to-date gold 278,000 oz = table", f(9, "278,000"), [oz[3]], oz[3].i, same=True)
about = f(16, "1,200")
about.i = I(1150, 1250)  # "about 1,200": a round figure, read to the nearest 100 oz
doc.relation("rounding-word", "about 1,200 oz per day (to the nearest 100) = Q3 2011 gold produced ÷ 92 days (July–September)", about, [oz[2]], oz[2].i / 92)

doc.write()
