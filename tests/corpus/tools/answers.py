"""Answer files for the check corpus (tests/corpus/README.md).

Independent of orebook: exact rational interval arithmetic over figures as
printed, so a relation's status is decided without any of orebook's code.
A figure printed as 66% stands for every value that rounds to it,
[65.5%, 66.5%]; a relation ties when the interval computed from its inputs
meets the interval of the figure checked, and does not tie otherwise.

Usage, in tests/corpus/<company>/<release>.answers.py:

    from answers import *          # (the script adds tools/ to sys.path)
    doc = Doc(__file__)            # reads <release>.txt or .md beside it
    ag = doc.fig(41, "581,746")    # line 41, first whole-token "581,746"
    ...
    doc.relation("recovery", "Ag recovery = produced / (t × g/t ÷ 31.1034768)",
                 target=doc.fig(30, "95%"), inputs=[ag, t, g],
                 computed=ag.i / contained_oz(t.i, g.i) * 100)
    doc.write()                    # <release>.answers.json
"""

from __future__ import annotations

import json
import os
import re
import sys
from fractions import Fraction as F

GRAMS_PER_TROY_OUNCE = F("31.1034768")
KG_PER_POUND = F("0.45359237")
KG_PER_SHORT_TON = F("907.18474")


class I:
    """A closed interval of exact rationals."""

    def __init__(self, lo, hi=None):
        self.lo = F(lo)
        self.hi = F(lo if hi is None else hi)
        assert self.lo <= self.hi, (lo, hi)

    @staticmethod
    def of(x) -> "I":
        return x if isinstance(x, I) else I(x)

    def __add__(self, o):
        o = I.of(o)
        return I(self.lo + o.lo, self.hi + o.hi)

    __radd__ = __add__

    def __sub__(self, o):
        o = I.of(o)
        return I(self.lo - o.hi, self.hi - o.lo)

    def __rsub__(self, o):
        return I.of(o) - self

    def __neg__(self):
        return I(-self.hi, -self.lo)

    def __mul__(self, o):
        o = I.of(o)
        p = [self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi]
        return I(min(p), max(p))

    __rmul__ = __mul__

    def __truediv__(self, o):
        o = I.of(o)
        if o.lo <= 0 <= o.hi:
            raise ZeroDivisionError("divisor interval contains 0")
        return self * I(1 / o.hi, 1 / o.lo)

    def __rtruediv__(self, o):
        return I.of(o) / self

    def meets(self, o) -> bool:
        return max(self.lo, o.lo) <= min(self.hi, o.hi)

    def shares(self, o) -> bool:
        # Two printings of one figure: half-open rounding intervals that only
        # touch ([581,745.5, 581,746.5) and [581,746.5, 581,747.5)) share no value.
        return max(self.lo, o.lo) < min(self.hi, o.hi)

    def __repr__(self):
        return f"[{float(self.lo):.10g}, {float(self.hi):.10g}]"


def total(xs) -> I:
    out = I(0)
    for x in xs:
        out = out + x
    return out


def pct_change(cur: I, prior: I) -> I:
    """Relative change in percent, written with each input once."""
    return (cur / prior - 1) * 100


def contained_oz(tonnes: I, grams_per_tonne: I) -> I:
    return tonnes * grams_per_tonne / GRAMS_PER_TROY_OUNCE


def contained_lb(tonnes: I, percent: I) -> I:
    return tonnes * percent / 100 * 1000 / KG_PER_POUND


def weighted(parts) -> I:
    """Tonnage-weighted grade of [(tonnes, grade), ...]: Σ t·g ÷ Σ t (an
    outer bound: each tonnage appears twice)."""
    return total(t * g for t, g in parts) / total(t for t, _ in parts)


_NUMBER = re.compile(r"[-+]?\(?(?:US\$|C\$|A\$|\$)?\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\)?")


def parse_printed(text: str):
    """'1,234.5' → (Fraction 1234.5, decimals 1); '(97)' → -97; '$32.81',
    '83.8%', '-21%' read as numbers. Returns (value, decimals)."""
    t = text.strip().replace("US$", "").replace("C$", "").replace("A$", "").replace("$", "")
    t = t.replace("%", "").replace("\u2212", "-").strip()
    neg = False
    if t.startswith("(") and t.endswith(")"):
        neg, t = True, t[1:-1]
    if t.startswith("-"):
        neg, t = True, t[1:]
    if t.startswith("+"):
        t = t[1:]
    t = t.replace(",", "").strip()
    if not re.fullmatch(r"\d+(\.\d+)?", t):
        raise ValueError(f"not a printed number: {text!r}")
    decimals = len(t.split(".")[1]) if "." in t else 0
    v = F(t)
    return (-v if neg else v), decimals


class Fig:
    def __init__(self, line: int, text: str, nth: int, value: F, decimals: int, scale):
        self.line, self.text, self.nth = line, text, nth
        self.value, self.decimals = value, decimals
        h = F(1, 2) / F(10) ** decimals
        s = F(scale)
        self.i = I((value - h) * s, (value + h) * s) if s > 0 else I((value + h) * s, (value - h) * s)
        self.exact = I(value * s)  # for a figure that is exact by definition (days, counts)

    def ref(self):
        return {"line": self.line, "text": self.text, "nth": self.nth}


def _token_starts(line: str, text: str):
    at = 0
    while True:
        at = line.find(text, at)
        if at < 0:
            return
        before = line[at - 1] if at > 0 else " "
        end = at + len(text)
        after = line[end] if end < len(line) else " "
        after2 = line[end + 1] if end + 1 < len(line) else " "
        ok = not (before.isdigit() or before in ".,")
        ok = ok and not after.isdigit() and not (after in ".," and after2.isdigit())
        if ok:
            yield at
        at += 1


class Doc:
    def __init__(self, script: str):
        base = script[: -len(".answers.py")]
        for ext in (".txt", ".md"):
            if os.path.exists(base + ext):
                self.path = base + ext
                break
        else:
            raise FileNotFoundError(base + ".txt or .md")
        with open(self.path, encoding="utf-8") as f:
            self.lines = f.read().split("\n")
        self.out = base + ".answers.json"
        self.source = {}
        self.relations = []

    def fig(self, line: int, text: str, nth: int = 1, scale=1) -> Fig:
        """The nth whole-token occurrence of `text` on 1-based `line`;
        `scale` multiplies its value (1000 for a figure in thousands)."""
        starts = list(_token_starts(self.lines[line - 1], text))
        if len(starts) < nth:
            raise LookupError(f"{self.path}:{line}: {text!r} #{nth} not found in {self.lines[line - 1]!r}")
        value, decimals = parse_printed(text)
        return Fig(line, text, nth, value, decimals, scale)

    def relation(self, relation: str, formula: str, target: Fig, inputs, computed: I, same=False, note=""):
        """Records a relation; its status follows from the intervals."""
        computed = I.of(computed)
        ok = computed.shares(target.i) if same else computed.meets(target.i)
        self.relations.append(
            {
                "relation": relation,
                "formula": formula,
                "figures": [target.ref()] + [x.ref() for x in inputs],
                "status": "ties" if ok else "does_not_tie",
                "computed": [float(computed.lo), float(computed.hi)],
                "printed": [float(target.i.lo), float(target.i.hi)],
                "note": note,
            }
        )
        return ok

    def write(self):
        genuine = [r for r in self.relations if r["status"] == "does_not_tie"]
        for r in genuine:
            if not r["note"]:
                raise ValueError(f"{self.out}: a genuine discrepancy needs a note (checked by hand): {r['formula']}")
        doc = {
            "release": os.path.basename(self.path),
            "source": self.source,
            "relations": self.relations,
        }
        with open(self.out, "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=1, ensure_ascii=False)
            f.write("\n")
        print(f"{self.out}: {len(self.relations)} relations, {len(genuine)} do not tie")
