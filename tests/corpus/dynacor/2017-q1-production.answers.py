import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Dynacor Gold Mines Inc.",
    "title": "Dynacor Produces 17,125 oz of Gold in Q1-2017",
    "date": "2017-04-20",
    "urls": ["https://minenportal.de/artikel/218396--Dynacor-Produces-17125-oz-of-Gold-in-Q1-2017.html"],
}
f = doc.fig
m17 = [f(15, "5,208"), f(15, "6,733"), f(15, "5,184")]
q17 = f(15, "17,125")
m16 = [f(16, "4,512"), f(16, "5,125"), f(16, "6,170")]
q16 = f(16, "15,807")

doc.relation("total", "2017 Q1 total = January + February + March", q17, m17, total(x.i for x in m17))
doc.relation("total", "2016 Q1 total = January + February + March", q16, m16, total(x.i for x in m16))
doc.relation("restatement", "title: Q1-2017 production 17,125 oz = Table 1", f(4, "17,125"), [q17], q17.i, same=True)
doc.relation("restatement", "intro: Q1-2017 production 17,125 oz = Table 1", f(6, "17,125"), [q17], q17.i, same=True)
doc.relation("restatement", "intro: Q1-2016 production 15,807 oz = Table 1", f(6, "15,807"), [q16], q16.i, same=True)
doc.relation("difference-in-prose", "increase of 1,318 oz = Q1-2017 − Q1-2016", f(6, "1,318"), [q17, q16], q17.i - q16.i)
doc.relation("change-in-prose", "January +15% = January 2017 ÷ January 2016 − 1", f(10, "+15%"), [m17[0], m16[0]], pct_change(m17[0].i, m16[0].i))
doc.relation("change-in-prose", "February +31% = February 2017 ÷ February 2016 − 1", f(10, "+31%"), [m17[1], m16[1]], pct_change(m17[1].i, m16[1].i))
doc.relation("change-in-prose", "March -16% = March 2017 ÷ March 2016 − 1", f(10, "-16%"), [m17[2], m16[2]], pct_change(m17[2].i, m16[2].i))
doc.relation("change-in-prose", "quarterly production up 8.3% = Q1-2017 ÷ Q1-2016 − 1", f(10, "8.3%"), [q17, q16], pct_change(q17.i, q16.i))
doc.relation("difference-in-prose", "(1,318 oz) = Q1-2017 − Q1-2016", f(10, "1,318"), [q17, q16], q17.i - q16.i)
doc.relation("share-in-prose", "Q1-2016 share of annual production = Q1-2016 (Table 1) ÷ 2016 total annual production", f(23, "21.5%"),
             [q16, f(24, "73,477")], q16.i / f(24, "73,477").i * 100)

doc.write()
