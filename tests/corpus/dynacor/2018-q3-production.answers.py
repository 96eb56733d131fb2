import pathlib, sys; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tools")); from answers import *

doc = Doc(__file__)
doc.source = {
    "company": "Dynacor Gold Mines Inc.",
    "title": "Dynacor Produces 19,982 Oz in Q3 2018",
    "date": "2018-10-19",
    "urls": ["https://www.goldseiten.de/artikel/393186--Dynacor-Produces-19982-Oz-in-Q3-2018.html"],
}
f = doc.fig
q3_18, q3_17 = f(13, "19,982"), f(13, "20,521")
t18, t17 = f(15, "22,615"), f(15, "20,026")
n18, n17 = f(17, "59,663"), f(17, "55,831")
doc.relation("restatement", "title: Q3-2018 production 19,982 oz = text", f(4, "19,982"), [q3_18], q3_18.i, same=True)
doc.relation("change-in-prose", "down 2.6% = Q3-2018 production ÷ Q3-2017 − 1 (a decrease)", f(13, "2.6%"), [q3_18, q3_17], -pct_change(q3_18.i, q3_17.i))
doc.relation("change-in-prose", "ore processed up 12.9% = Q3-2018 tonnes ÷ Q3-2017 tonnes − 1", f(15, "12.9%"), [t18, t17], pct_change(t18.i, t17.i))
doc.relation("change-in-prose", "nine-month production up 6.9% = 2018 nine months ÷ 2017 nine months − 1", f(17, "6.9%"), [n18, n17], pct_change(n18.i, n17.i))
doc.write()
