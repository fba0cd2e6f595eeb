#!/usr/bin/env python3
"""Writes the CSV corpus of the oracle: the files in this folder and manifest.tsv, which says for each file how DuckDB
reads it and what the two must make of it. CSVCorpusTests reads every file through indq and through DuckDB's
read_csv and compares.

    python3 Tests/Oracle/csv/make.py          # rewrite the corpus; commit the result

Every figure comes from the dataset files (Sources/IndqData/datasets); files that test a format with no report
figure to hold use values that are plainly made up (columns named voorbeeld, k001, waarde of 1, 2, 3 …). The bytes
are written here, so that BOMs, CRLF, Windows-1252 and broken files are explicit and reviewable.

manifest.tsv, one line per check: file, expect, duckdb, indq, why.
- expect is `rows` (both read the file, with the same column names and rows), `fails` (both reject it),
  `indq-fails` or `duckdb-fails` (a documented difference: only the other side reads it; `why` says why), or `open`
  (indq does not yet do what DuckDB does, a defect reported and not fixed; `why` says what). Once an `open` file
  agrees, the test fails until it is marked `rows`.
- duckdb is what follows the path in DuckDB's read_csv(…) call; indq likewise, and empty means `from 'file'`.
"""
import csv
import gzip
import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from datasets import dataset  # noqa: E402  (the dataset files, read as Examples/data/make.py reads them)

# DuckDB's sniffer recovers from a broken file by trying other dialects (it may skip lines or take the header as
# data); with the dialect fixed it reads the file as a strict parser must.
STRICT = "auto_detect = false, delim = '%s', quote = '\"', escape = '\"', header = true, columns = {%s}"
DUTCH = "delim = ';', decimal_separator = ',', thousands = '.'"


def whole(printed):
    """whole is a whole number as the report prints it (`42.690`) without its thousands separator."""
    return printed.replace(".", "")


def point(printed):
    """point writes a decimal the report prints with a comma (`578,4`) with a point."""
    return printed.replace(",", ".")


def year_table(name, dutch=False):
    """year_table is a year dataset as rows: year, aanvragen, beslissingen, inwilligingen."""
    out = []
    for r in dataset(name):
        a, b = r["aanvragen"], r["beslissingen"]
        out.append([r["year"], a if dutch else whole(a), b if dutch else whole(b), r["inwilligingen"]])
    return out


YEAR_HEADER = ["year", "aanvragen", "beslissingen", "inwilligingen"]
REGULIER = ["familie_en_gezin", "kennis_en_talent", "start_ups", "studenten", "arbeidsmigranten"]


def csv_text(rows, delim=",", newline="\n", quoting=csv.QUOTE_MINIMAL):
    """csv_text writes rows as CSV: quotes where a field needs them, doubled inside."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=delim, lineterminator=newline, quoting=quoting, quotechar='"', doublequote=True)
    for row in rows:
        w.writerow(row)
    return out.getvalue()


manifest = []
written = []


def write(name, data, expect="rows", duckdb="", indq="", why=""):
    """write puts one file of the corpus and its manifest line."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)
    written.append(name)
    check(name, expect, duckdb, indq, why)


def check(name, expect="rows", duckdb="", indq="", why=""):
    """check adds one more manifest line for a file: another way of reading it."""
    assert expect in ("rows", "fails", "indq-fails", "duckdb-fails", "open")
    assert expect in ("rows", "fails") or why, name + ": a difference needs its why"
    for field in (duckdb, indq, why):
        assert "\t" not in field and "\n" not in field
    manifest.append([name, expect, duckdb, indq, why])


def strict(delim, names):
    return STRICT % (delim, ", ".join("'%s': 'VARCHAR'" % n for n in names))


def main():
    for old in os.listdir(HERE):
        if old not in ("make.py", "README.md"):
            os.remove(os.path.join(HERE, old))

    # Delimiters.
    write("comma.csv", csv_text([YEAR_HEADER] + year_table("familie_en_gezin")))
    write("semicolon.csv", csv_text([YEAR_HEADER] + year_table("kennis_en_talent"), delim=";"))
    write("tab.tsv", csv_text([YEAR_HEADER] + year_table("start_ups"), delim="\t"))
    write("tab-named-csv.csv", csv_text([YEAR_HEADER] + year_table("arbeidsmigranten"), delim="\t"))
    write("pipe.csv", csv_text([YEAR_HEADER] + year_table("studenten"), delim="|"))
    write("single-column.csv", csv_text([["nationaliteit"]] + [[r["nationaliteit"]] for r in dataset("nationaliteiten")]))
    legal = dataset("juridische_zaken")
    write("integers.csv", csv_text([["year", "ontvangen", "afgehandeld"]] +
                                   [[r["year"], whole(r["ontvangen"]), whole(r["afgehandeld"])] for r in legal]))
    regulier = [["categorie"] + YEAR_HEADER] + [[c] + row for c in REGULIER for row in year_table(c)]
    write("regulier.csv", csv_text(regulier))
    check("semicolon.csv", duckdb="delim = ';'", indq="delim = ';'")
    check("pipe.csv", duckdb="delim = '|', header = true", indq="delim = '|', header = true")

    # Quoting.
    key = dataset("kerncijfers")
    write("quoted-delimiters.csv", csv_text([["year", "onderwerp", "zin"]] +
                                            [[r["year"], r["onderwerp"], r["source.sentence"]] for r in key]))
    top = {}
    for r in dataset("nationaliteiten"):
        top.setdefault(r["categorie"], []).append(r["nationaliteit"])
    write("quoted-delimiters-semicolon.csv", csv_text([["categorie", "top3"]] + [[c, "; ".join(n)] for c, n in top.items()],
                                                      delim=";"))
    write("quoted-newlines.csv", csv_text([["year", "regel", "tekst"]] +
                                          [[r["year"], r["source.line"], r["onderwerp"] + "\n" + r["source.sentence"]]
                                           for r in key[:12]]))
    write("quoted-newlines-crlf.csv", csv_text([["year", "regel", "tekst"]] +
                                               [[r["year"], r["source.line"], r["onderwerp"] + "\r\n" + r["source.text"]]
                                                for r in key[12:24]], newline="\r\n"))
    # The report's curly quotes, made straight so that the file needs doubled quotes.
    quoted = [r for r in key if "“" in r["source.sentence"]]
    write("doubled-quotes.csv", csv_text([["year", "regel", "zin"]] +
                                         [[r["year"], r["source.line"], r["source.sentence"].replace("“", '"').replace("”", '"')]
                                          for r in quoted]))
    write("quoted-header.csv", csv_text([YEAR_HEADER], quoting=csv.QUOTE_ALL) + csv_text(year_table("brexit")))
    write("all-quoted.csv", csv_text([YEAR_HEADER] + year_table("studenten"), quoting=csv.QUOTE_ALL))
    staff = dataset("personeel")
    write("quoted-empty.csv", "post,fte,groei_fte\n" + "".join(
        '"%s",%s,%s\n' % (r["post"], '""' if not r["fte"] else whole(r["fte"]), whole(r["groei_fte"])) for r in staff))
    write("quote-inside-unquoted.csv", "voorbeeld,waarde\nab\"c,1\nde\"\"f,2\n")
    write("quoted-last-field-no-newline.csv", csv_text([["categorie", "nationaliteit"]] +
                                                       [[r["categorie"], r["nationaliteit"]] for r in dataset("nationaliteiten")],
                                                       quoting=csv.QUOTE_ALL).rstrip("\n"))
    write("apostrophes.csv", csv_text([["year", "sectie"]] + sorted({(r["year"], r["source.section"]) for r in key if "’" in r["source.section"]})))

    # Line ends and the byte order mark.
    write("bom.csv", "\ufeff" + csv_text([YEAR_HEADER] + year_table("familie_en_gezin")))
    write("crlf.csv", csv_text([YEAR_HEADER] + year_table("kennis_en_talent"), newline="\r\n"))
    write("bom-crlf-semicolon.csv", "\ufeff" + csv_text([YEAR_HEADER] + year_table("start_ups"), delim=";", newline="\r\n"))
    write("no-final-newline.csv", csv_text([YEAR_HEADER] + year_table("studenten")).rstrip("\n"))
    write("crlf-no-final-newline.csv", csv_text([YEAR_HEADER] + year_table("arbeidsmigranten"), newline="\r\n").rstrip("\r\n"))
    write("cr-only.csv", csv_text([YEAR_HEADER] + year_table("brexit"), newline="\r"))
    write("trailing-blank-lines.csv", csv_text([YEAR_HEADER] + year_table("familie_en_gezin")) + "\n\n")
    write("blank-line-inside.csv", csv_text([YEAR_HEADER] + year_table("kennis_en_talent")[:1]) + "\n" +
          csv_text(year_table("kennis_en_talent")[1:]))

    # Empty fields, empty files.
    write("empty-fields.csv", csv_text([["post", "fte", "groei_fte"]] +
                                       [[r["post"], whole(r["fte"]), whole(r["groei_fte"])] for r in staff]))
    write("empty-column.csv", csv_text([["year", "aanvragen", "opmerking"]] + [[r[0], r[1], ""] for r in year_table("brexit")]))
    write("trailing-delimiter.csv", "".join(",".join(r) + ",\n" for r in [YEAR_HEADER] + year_table("start_ups")))
    write("empty-file.csv", b"")
    write("header-only.csv", csv_text([YEAR_HEADER]))

    # Headers.
    write("no-header.csv", csv_text(year_table("start_ups")))
    write("no-header-text.csv", csv_text([[r["categorie"], r["nationaliteit"]] for r in dataset("nationaliteiten")]))
    check("no-header-text.csv", duckdb="header = false", indq="header = false")
    write("header-spaces.csv", csv_text([["Jaar", "Aantal aanvragen", "Aantal beslissingen", "Inwilligingen (%)"]] +
                                        year_table("familie_en_gezin")))
    write("duplicate-names.csv", csv_text([["year", "aanvragen", "aanvragen"]] +
                                          [[a[0], a[1], b[1]] for a, b in zip(year_table("familie_en_gezin"),
                                                                              year_table("kennis_en_talent"))]))
    write("empty-header-name.csv", csv_text([["year", "", "beslissingen"]] + [r[:3] for r in year_table("studenten")]))
    # Years as the header of a pivoted table: every row is numbers, so the header is not told from the data.
    pivot = [[r[0] for r in year_table("familie_en_gezin")]] + [[r[1] for r in year_table(c)] for c in REGULIER]
    write("numeric-header.csv", csv_text(pivot))
    check("numeric-header.csv", duckdb="header = true", indq="header = true")

    # Types.
    money = [r for r in key if r["eenheid"] == "miljoen euro"]
    write("decimals.csv", csv_text([["year", "onderwerp", "miljoen_euro"]] + [[r["year"], r["onderwerp"], point(r["waarde"])] for r in money]))
    finance = dataset("financien")
    write("negative.csv", csv_text([["post", "bedrag"]] + [[r["post"], whole(r["bedrag"])] for r in finance]))
    write("int64-edges.csv", "voorbeeld,waarde\nmax,9223372036854775807\nmin,-9223372036854775808\nnul,0\n")
    # Found by the CSV fuzzer: an exponent that asks for more digits than a decimal holds once trapped.
    write("exponent-overflow.csv", "voorbeeld,waarde\nmax,92233720368e970\nmin,1e3\n", expect="open",
          why="DuckDB reads the column as DOUBLE (inf and 1000.0); indq keeps it as text")
    write("int64-overflow.csv", "voorbeeld,waarde\nmax,9223372036854775807\nmeer,9223372036854775808\n")
    write("percentages.csv", csv_text([["year", "instandhoudingen_asiel", "instandhoudingen_regulier"]] +
                                      [[r["year"], r["instandhoudingen_asiel"], r["instandhoudingen_regulier"]] for r in legal]))
    write("percentages-decimal-comma.csv", "voorbeeld;percentage\na;12,5%\nb;82,5%\nc;100%\nd;0,1%\n")
    write("percentages-decimal-point.csv", "voorbeeld,percentage\na,12.5%\nb,82.5%\nc,100%\nd,0.1%\n")
    write("percentages-mixed.csv", "voorbeeld,percentage\na,10%\nb,x\nc,30%\n")
    write("booleans.csv", csv_text([["categorie", "rang", "nationaliteit", "eerste"]] +
                                   [[r["categorie"], r["rang"], r["nationaliteit"], "true" if r["rang"] == "1" else "false"]
                                    for r in dataset("nationaliteiten")]))
    write("booleans-spelling.csv", "voorbeeld,a,b\n1,True,t\n2,FALSE,f\n3,true,T\n")
    # The dated sections of the 2022 report are headed dd/mm; the year is the report's.
    dated = []
    for r in key:
        s = r["source.section"]
        if r["source.report"] == "IND Jaarverslag 2022" and len(s) > 6 and s[2] == "/" and s[:2].isdigit():
            item = (s[:2], s[3:5], s[6:])
            if item not in dated:
                dated.append(item)
    write("dates-iso.csv", csv_text([["datum", "onderwerp"]] + [["2022-%s-%s" % (m, d), t] for d, m, t in dated]))
    write("dates-dutch.csv", csv_text([["datum", "onderwerp"]] + [["%s-%s-2022" % (d, m), t] for d, m, t in dated], delim=";"))
    write("dates-invalid.csv", "voorbeeld,datum\na,31-02-2022\nb,01-01-2022\n")
    write("dates-iso-with-nulls.csv", csv_text([["datum", "onderwerp"]] + [["2022-%s-%s" % (m, d) if i % 2 else "", t]
                                                                         for i, (d, m, t) in enumerate(dated)]))
    write("leading-zeros.csv", "code,voorbeeld\n0123,a\n0045,b\n")
    write("whitespace.csv", "voorbeeld,waarde\n a , 1\nb ,2 \n")
    write("mixed-int-text.csv", "voorbeeld,waarde\na,1\nb,2\nc,drie\n")
    write("null-word.csv", "voorbeeld,waarde\nNULL,1\nnull,2\nx,3\n")
    write("nul-byte.csv", b"voorbeeld,waarde\na\x00b,1\n")

    # Text and encodings.
    write("utf8-text.csv", csv_text([["post", "bedrag"]] + [[r["post"], whole(r["bedrag"])] for r in finance]))
    export = csv_text([["post", "bedrag"]] + [[r["post"], r["bedrag"]] for r in finance], delim=";", newline="\r\n")
    write("windows-1252.csv", export.encode("cp1252"), duckdb="encoding = 'latin-1', " + DUTCH,
          indq="")
    euro = csv_text([["onderwerp", "bedrag"]] + [[r["onderwerp"], "€ " + r["waarde"] + " miljoen"] for r in money],
                    delim=";", newline="\r\n")
    write("windows-1252-euro.csv", euro.encode("cp1252"), expect="duckdb-fails", duckdb="encoding = 'latin-1'",
          why="€ is byte 0x80 in Windows-1252, which DuckDB's latin-1 refuses (its encodings extension is not built "
              "in); indq reads the file as Windows-1252")
    # UTF-8 and a Windows-1252 byte in one file: not surely either encoding.
    write("invalid-utf8.csv", "voorbeeld,waarde\néén,1\n".encode("utf-8") + b"\xe9\xe9n,2\n", expect="fails")

    # Dutch numbers: DuckDB is told the separators, indq finds them.
    write("dutch-thousands.csv", csv_text([YEAR_HEADER] + year_table("familie_en_gezin", dutch=True), delim=";"),
          duckdb=DUTCH)
    check("dutch-thousands.csv", duckdb=DUTCH, indq=DUTCH)
    # Thousands in some rows only: 40.830 beside 150.
    mixed = [["categorie"] + YEAR_HEADER[:3]] + [[c] + row[:3] for c in REGULIER for row in year_table(c, dutch=True)]
    write("dutch-thousands-mixed.csv", csv_text(mixed, delim=";"), duckdb=DUTCH)
    write("dutch-decimals.csv", csv_text([["year", "onderwerp", "miljoen_euro"]] + [[r["year"], r["onderwerp"], r["waarde"]] for r in money],
                                         delim=";"), duckdb=DUTCH)
    write("dutch-excel.csv", "\ufeff" + csv_text([["Jaar", "Post", "Bedrag (x 1.000 euro)"]] +
                                                [[r["year"], r["post"], r["bedrag"]] for r in finance], delim=";", newline="\r\n"),
          duckdb=DUTCH)
    write("dutch-small-thousands.csv", csv_text([["post", "bedrag"]] + [[r["post"], r["bedrag"]] for r in finance
                                                                       if r["post"].startswith(("Kosten", "Betaalde"))], delim=";"),
          duckdb=DUTCH)
    write("dutch-mixed-column.csv", csv_text([["year", "onderwerp", "waarde"]] + [[r["year"], r["onderwerp"], r["waarde"]] for r in key],
                                             delim=";"))
    write("semicolon-dot-decimals.csv", csv_text([["year", "onderwerp", "miljoen_euro"]] +
                                                 [[r["year"], r["onderwerp"], point(r["waarde"])] for r in money], delim=";"))
    cbs = [["Onderwerp", "Perioden", "Aanvragen (aantal)", "Beslissingen (aantal)", "Inwilligingen (%)"]]
    for c in REGULIER:
        for r in year_table(c):
            cbs.append([c.replace("_", " ").capitalize(), r[0], r[1], r[2], r[3].rstrip("%")])
    write("cbs-style.csv", csv_text(cbs, delim=";", quoting=csv.QUOTE_ALL, newline="\r\n"))

    # Wide and long (made-up values).
    names = ["k%03d" % j for j in range(1, 151)]
    write("wide.csv", csv_text([names] + [[str(i * 1000 + j) for j in range(1, 151)] for i in range(1, 6)]))
    groups = ["a", "b", "c", "d", "e"]
    write("long.csv", csv_text([["id", "groep", "waarde"]] + [[str(i), groups[i % 5], str((i * 7919) % 10007)] for i in range(1, 5001)]))
    data = gzip.compress(csv_text(regulier).encode("utf-8"), mtime=0)
    write("regulier.csv.gz", data)

    # Broken files: DuckDB reads them with the dialect fixed (STRICT), indq sniffs.
    write("bad-too-many-fields.csv", "year,aanvragen\n2019,150\n2020,100,120\n2021,100\n", expect="fails",
          duckdb=strict(",", ["year", "aanvragen"]))
    write("bad-too-few-fields.csv", "year,aanvragen,beslissingen\n2019,150,140\n2020,100\n2021,100,100\n", expect="fails",
          duckdb=strict(",", ["year", "aanvragen", "beslissingen"]))
    write("bad-unterminated-quote.csv", "voorbeeld,waarde\na,\"1\nb,2\n", expect="fails",
          duckdb=strict(",", ["voorbeeld", "waarde"]))
    write("bad-unterminated-quote-at-end.csv", "voorbeeld,waarde\na,1\nb,\"2", expect="fails",
          duckdb=strict(",", ["voorbeeld", "waarde"]))
    write("bad-text-after-quote.csv", "voorbeeld,waarde\n\"a\"b,1\n", expect="fails",
          duckdb=strict(",", ["voorbeeld", "waarde"]))
    write("bad-semicolon-field-count.csv", "year;aanvragen;beslissingen\r\n2019;150;140\r\n2020;100;120;64%\r\n", expect="fails",
          duckdb=strict(";", ["year", "aanvragen", "beslissingen"]))

    with open(os.path.join(HERE, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.write("# Written by make.py; see there. file, expect, duckdb, indq, why\n")
        for row in manifest:
            f.write("\t".join(row) + "\n")
    print("%d files, %d checks" % (len(written), len(manifest)))


if __name__ == "__main__":
    main()
