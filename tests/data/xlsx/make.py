#!/usr/bin/python3
"""Writes the workbooks of the xlsx tests (docs/dataset.md, "Workbooks").

Run from the repository root with Debian's python3 (python3-openpyxl):

    /usr/bin/python3 tests/data/xlsx/make.py

The build does not run it: its outputs are committed. Two writers, so the
reader meets both ways of storing text:

- openpyxl (3.0.9 here): every text an inline string (t="inlineStr"; other
  versions write shared strings), numbers as Python floats (repr: 1.60 is
  stored 1.6), a styles.xml of its own.
- by hand with zipfile (`write_raw`), as Excel writes: every text a shared
  string (one with rich-text runs and a phonetic reading), the number text
  exactly as the CSV prints it, sparse rows (empty cells left out, r="C14"
  giving the column), absolute and ./ relationship targets, a prefixed
  namespace in workbook.xml, the sheets listed in another order than their
  parts, date cells with date styles, a 1904 workbook, error cells.
"""

import csv
import io
import os
import re
import shutil
import zipfile

import openpyxl

ROOT = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(ROOT, "..", "..", ".."))
NS = os.path.join(REPO, "examples", "nuestra-senora")
GOLDEN = os.path.join(REPO, "tests", "golden")
NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$")


def csv_rows(path):
    """The records of a CSV file of a dataset, comment lines left out."""
    with open(path, newline="", encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#") and line.strip()]
    return list(csv.reader(lines))


def col(n):
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def write_openpyxl(path, rows, sheet="Sheet1", extra_sheets=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for name in extra_sheets:
        wb.create_sheet(name)
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row, start=1):
            if text == "":
                continue
            value = text
            if NUMBER.match(text) and r > 1:
                value = int(text) if re.match(r"^-?[0-9]+$", text) else float(text)
            ws.cell(row=r, column=c, value=value)
    wb.save(path)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def write_raw(path, sheets, date1904=False, numfmts=(), xfs=(0,), shared=None, sheet_xml=None):
    """A workbook written by hand. `sheets`: [(name, rows)], each row a list
    of cells; a cell is None (left out), a str (an inline string), or a
    tuple (attributes, inner XML) written as is. `xfs`: the numFmtId of each
    cell style; `numfmts`: [(id, code)]; `shared`: the <si> elements of
    sharedStrings.xml before the texts of the cells; `sheet_xml`: a sheet's XML given
    whole (fuzzing seeds, malformed cases)."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    shared = list(shared or [])
    index = {}

    def shared_string(text):
        if text not in index:
            index[text] = len(shared)
            shared.append(f"<si><t>{esc(text)}</t></si>")
        return index[text]
    z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
    types = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
             '<Default Extension="xml" ContentType="application/xml"/>']
    z.writestr("[Content_Types].xml",
               '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               + "".join(types) + "</Types>")
    z.writestr("_rels/.rels",
               '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    # Sheets listed in reverse part order, so that "the first sheet" must
    # come from workbook.xml, not from sheet1.xml.
    n = len(sheets)
    wb_sheets = "".join(
        f'<x:sheet name="{esc(name)}" sheetId="{i + 1}" r:id="rIdS{i + 1}"/>' for i, (name, _) in enumerate(sheets))
    z.writestr("xl/workbook.xml",
               f'<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="{main}" xmlns:r="{rel}">'
               + (f'<x:workbookPr date1904="1"/>' if date1904 else "")
               + f"<x:sheets>{wb_sheets}</x:sheets></x:workbook>")
    rels = "".join(
        f'<Relationship Id="rIdS{i + 1}" Type="{rel}/worksheet" Target="/xl/worksheets/sheet{n - i}.xml"/>'
        for i in range(n))
    rels += f'<Relationship Id="rIdT" Type="{rel}/styles" Target="styles.xml"/>'
    rels += f'<Relationship Id="rIdSS" Type="{rel}/sharedStrings" Target="./sharedStrings.xml"/>'
    z.writestr("xl/_rels/workbook.xml.rels",
               '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               + rels + "</Relationships>")
    fmts = "".join(f'<numFmt numFmtId="{i}" formatCode="{esc(code)}"/>' for i, code in numfmts)
    z.writestr("xl/styles.xml",
               f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{main}">'
               + (f'<numFmts count="{len(numfmts)}">{fmts}</numFmts>' if numfmts else "")
               + '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
               + f'<cellXfs count="{len(xfs)}">' + "".join(f'<xf numFmtId="{i}"/>' for i in xfs)
               + "</cellXfs></styleSheet>")
    for i, (name, rows) in enumerate(sheets):
        if sheet_xml is not None:
            xml = sheet_xml
        else:
            body = []
            for r, row in enumerate(rows, start=1):
                if row is None:
                    continue  # a row left out
                cells = []
                for c, cell in enumerate(row, start=1):
                    ref = f"{col(c)}{r}"
                    if cell is None or cell == "":
                        continue
                    if isinstance(cell, tuple):
                        attrs, inner = cell
                        cells.append(f'<c r="{ref}" {attrs}>{inner}</c>')
                    elif NUMBER.match(cell) and r > 1:
                        cells.append(f'<c r="{ref}"><v>{cell}</v></c>')
                    else:
                        cells.append(f'<c r="{ref}" t="s"><v>{shared_string(cell)}</v></c>')
                body.append(f'<row r="{r}">' + "".join(cells) + "</row>")
            xml = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><sheetData>'
                   + "".join(body) + "</sheetData></worksheet>")
        z.writestr(f"xl/worksheets/sheet{n - i}.xml", xml)
    z.writestr("xl/sharedStrings.xml",
               f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}">' + "".join(shared) + "</sst>")
    z.close()


def dataset(folder, site_extra=""):
    """A dataset folder with Nuestra Señora's site.toml (and `site_extra`)."""
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    with open(os.path.join(NS, "site.toml"), encoding="utf-8") as f:
        site = f.read()
    with open(os.path.join(folder, "site.toml"), "w", encoding="utf-8") as f:
        f.write(site + site_extra)


def main():
    streams = csv_rows(os.path.join(NS, "streams.csv"))
    production = csv_rows(os.path.join(NS, "production.csv"))

    # Nuestra Señora's streams and production, from both writers.
    write_openpyxl(os.path.join(ROOT, "ns-streams-openpyxl.xlsx"), streams)
    write_openpyxl(os.path.join(ROOT, "ns-production-openpyxl.xlsx"), production, sheet="Production",
                   extra_sheets=["Notes"])
    # Sparse: every empty CSV cell left out; a header cell as a rich-text shared string.
    header = [("t=\"s\"", "<v>0</v>") if h == "dry_t" else h for h in streams[0]]
    write_raw(os.path.join(ROOT, "ns-streams-raw.xlsx"),
              [("Notes", [["written by tests/data/xlsx/make.py"]]), ("Mill", [header] + streams[1:])],
              shared=['<si><r><t>dry</t></r><r><rPr><b/></rPr><t>_t</t></r><rPh><t>ignored</t></rPh></si>'])
    write_raw(os.path.join(ROOT, "ns-production-raw.xlsx"), [("Production", production)], shared=[])

    # Dates: serial numbers under date styles (built-in 14, a custom
    # yyyy-mm-dd, a quoted "d" that is no date), in both date systems.
    # Columns: A serial, B style 1 (id 14), C style 2 (custom), D style 3 ("d" in quotes)
    def date_rows(serials):
        rows = [["serial", "builtin", "custom", "quoted"]]
        for s in serials:
            rows.append([str(s), ('s="1"', f"<v>{s}</v>"), ('s="2"', f"<v>{s}</v>"),
                         ('s="3"', f"<v>{s}</v>")])
        return rows
    fmts = [(164, "yyyy\\-mm\\-dd;@"), (165, '0.0" days"')]
    write_raw(os.path.join(ROOT, "dates-1900.xlsx"), [("Dates", date_rows([1, 59, 60, 61, 41640, 2958465]))],
              numfmts=fmts, xfs=(0, 14, 164, 165))
    write_raw(os.path.join(ROOT, "dates-1904.xlsx"), [("Dates", date_rows([0, 1, 40178]))],
              date1904=True, numfmts=fmts, xfs=(0, 14, 164, 165))
    # Every kind of cell: shared, inline, str formula result, boolean, error.
    write_raw(os.path.join(ROOT, "cells.xlsx"),
              [("Cells", [["a", "b", "c", "d", "e", "f"],
                          [("t=\"s\"", "<v>0</v>"), ("t=\"inlineStr\"", "<is><r><t>in</t></r><r><t>line</t></r></is>"),
                           ("t=\"str\"", "<f>A1&amp;B1</f><v>ab</v>"), ("t=\"b\"", "<v>1</v>"),
                           ("", "<v>1.23456789012345678</v>"), None],
                          None,
                          [None, None, ("t=\"e\"", "<v>#DIV/0!</v>")],
                          ["#a comment row"]])],
              shared=["<si><t>shared</t></si>"])

    # Golden cases: Nuestra Señora from workbooks (its stdout is the CSV
    # dataset's), then datasets whose workbooks are wrong.
    folder = os.path.join(GOLDEN, "xlsx-in-report", "dataset")
    dataset(folder, '\n[files]\nstreams = "streams.xlsx#Mill"\n')
    shutil.copy(os.path.join(ROOT, "ns-streams-raw.xlsx"), os.path.join(folder, "streams.xlsx"))
    shutil.copy(os.path.join(ROOT, "ns-production-openpyxl.xlsx"), os.path.join(folder, "production.xlsx"))
    for name in ("financials.csv", "reported.csv"):
        shutil.copy(os.path.join(NS, name), os.path.join(folder, name))

    bad = [row[:] for row in streams]
    bad[13][2] = "12,5"  # row 14, column C (dry_t): a decimal comma
    dataset(os.path.join(GOLDEN, "xlsx-in-bad-number", "dataset"), '\n[files]\nstreams = "streams.xlsx#Mill"\n')
    write_raw(os.path.join(GOLDEN, "xlsx-in-bad-number", "dataset", "streams.xlsx"),
              [("Notes", [["see Mill"]]), ("Mill", bad)])
    dataset(os.path.join(GOLDEN, "xlsx-in-missing-sheet", "dataset"), '\n[files]\nstreams = "streams.xlsx#Mil"\n')
    write_raw(os.path.join(GOLDEN, "xlsx-in-missing-sheet", "dataset", "streams.xlsx"),
              [("Notes", [["see Mill"]]), ("Mill", streams), ("Mill 2014", streams[:1])])
    err = [row[:] for row in streams]
    err[9][3] = ('t="e"', "<v>#DIV/0!</v>")  # row 10, column D (Ag_gpt)
    dataset(os.path.join(GOLDEN, "xlsx-in-error-cell", "dataset"))
    write_raw(os.path.join(GOLDEN, "xlsx-in-error-cell", "dataset", "streams.xlsx"), [("Mill streams", err)])
    dataset(os.path.join(GOLDEN, "xlsx-in-not-a-zip", "dataset"))
    with open(os.path.join(GOLDEN, "xlsx-in-not-a-zip", "dataset", "streams.xlsx"), "w") as f:
        f.write("period,stream,dry_t\n2014Q1,mill_feed,1\n")  # a CSV file named .xlsx
    nocol = [[c for i, c in enumerate(row) if i != 2] for row in streams]  # no dry_t
    dataset(os.path.join(GOLDEN, "xlsx-in-missing-column", "dataset"))
    write_openpyxl(os.path.join(GOLDEN, "xlsx-in-missing-column", "dataset", "streams.xlsx"), nocol)

    # One workbook, two data files: Nuestra Señora's streams and production
    # as two sheets of plant.xlsx (its stdout is the CSV dataset's); then the
    # same with a bad number in the Production sheet, and a sheet named twice.
    one = '\n[files]\nstreams = "plant.xlsx#Mill"\nproduction = "plant.xlsx#Production"\n'
    folder = os.path.join(GOLDEN, "xlsx-in-one-workbook", "dataset")
    dataset(folder, one)
    write_raw(os.path.join(folder, "plant.xlsx"), [("Mill", streams), ("Production", production)])
    for name in ("financials.csv", "reported.csv"):
        shutil.copy(os.path.join(NS, name), os.path.join(folder, name))
    bad_production = [row[:] for row in production]
    bad_production[4][3] = "1.2.3"  # row 5, column D
    folder = os.path.join(GOLDEN, "xlsx-in-one-workbook-bad-number", "dataset")
    dataset(folder, one)
    write_raw(os.path.join(folder, "plant.xlsx"), [("Mill", streams), ("Production", bad_production)])
    folder = os.path.join(GOLDEN, "xlsx-in-one-sheet-twice", "dataset")
    dataset(folder, '\n[files]\nstreams = "plant.xlsx#Mill"\nproduction = "plant.xlsx#Mill"\n')
    write_raw(os.path.join(folder, "plant.xlsx"), [("Mill", streams), ("Production", production)])


if __name__ == "__main__":
    main()
