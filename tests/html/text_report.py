"""The text report of an orebook command, split into tables (standard library only).

The approach of text_tables in tests/xlsx/readback.py (that module imports
openpyxl, which the browser test does without), extended to keep what the
HTML page also shows: the caption, the "(r) reported" line and each row's
indentation.

A table is: a title line, an optional "(caption)" line, a blank line, a header
row, rows (cells separated by two or more spaces, labels left, values right; a
heading is a row of one cell; two spaces of indentation per level), then
"(r) reported…" and "- note" lines. Tables are separated by a blank line. A
table of notes only has no header and no rows.
"""
import re


def text_tables(text):
    """Per table: {"title", "caption", "rows", "indents", "reported", "notes"}.

    rows[0] is the header row (the period names, without the empty corner);
    indents[k] is the indentation level of rows[k] (two spaces a level).
    """
    tables, cur = [], None
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        # A title: unindented after a blank line, before a blank or a caption;
        # never a note (a table of one note is title, blank, "- note", blank).
        if cur is None or (line and not line.startswith((" ", "- ")) and i > 0 and lines[i - 1] == ""
                           and i + 1 < len(lines) and (lines[i + 1] == "" or lines[i + 1].startswith("("))):
            if line:
                cur = {"title": line, "caption": None, "rows": [], "indents": [],
                       "reported": [], "notes": []}
                tables.append(cur)
                if i + 1 < len(lines) and lines[i + 1].startswith("("):
                    cur["caption"] = lines[i + 1]
                    i += 1
            i += 1
            continue
        if line.startswith("- "):
            cur["notes"].append(line[2:])
        elif line.startswith("(r) reported"):
            cur["reported"].append(line)
        elif line and not line.startswith("("):
            cur["rows"].append(re.split(r"\s{2,}", line.strip()))
            cur["indents"].append((len(line) - len(line.lstrip(" "))) // 2)
        i += 1
    return tables
