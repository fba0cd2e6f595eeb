#!/usr/bin/env python3
"""Writes the example files of Examples/06-own-files.sql from the dataset files, as the tools an analyst uses would:

- regulier-export.csv: a Dutch Excel export of the five regular tables: byte order mark, `;`, `.` between
  thousands, CRLF;
- baten-en-lasten.csv: the same kind of export of the 2022 finances, in Windows-1252, with `,` decimals (the
  report's millions) beside the thousands of euros;
- cbs-verblijfsaanvragen.csv: a CBS StatLine-style file: `;`, every field and header quoted, the unit in the header.

    python3 Examples/data/make.py
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "scripts"))
from datasets import dataset  # noqa: E402  (the dataset files, read as Tests/Oracle/csv/make.py reads them)
REGULIER = ["familie_en_gezin", "kennis_en_talent", "start_ups", "studenten", "arbeidsmigranten"]


def label(name):
    return name.replace("_", " ").capitalize()


def main():
    lines = ["Categorie;Jaar;Aanvragen;Beslissingen;Inwilligingen"]
    for c in REGULIER:
        for r in dataset(c):
            lines.append(";".join([label(c), r["year"], r["aanvragen"], r["beslissingen"], r["inwilligingen"]]))
    with open(os.path.join(HERE, "regulier-export.csv"), "wb") as f:
        f.write(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))

    # The report gives four of the posts in millions too, in its running text.
    millions = {"Totaal baten": "totale baten", "Totaal Lasten": "totale lasten",
                "Kosten Oekraïne 2022": "materiële kosten voor de oekraïense inzet", "Betaalde dwangsommen 2022": "betaalde dwangsommen"}
    text = {r["onderwerp"]: r["waarde"] for r in dataset("kerncijfers") if r["eenheid"] == "miljoen euro"}
    lines = ["Jaar;Post;Bedrag (x 1.000 euro);Bedrag (miljoen euro)"]
    for r in dataset("financien"):
        lines.append(";".join([r["year"], r["post"], r["bedrag"], text.get(millions.get(r["post"], ""), "")]))
    with open(os.path.join(HERE, "baten-en-lasten.csv"), "wb") as f:
        f.write(("\r\n".join(lines) + "\r\n").encode("cp1252"))

    lines = ['"Onderwerp";"Perioden";"Aanvragen (aantal)";"Beslissingen (aantal)";"Inwilligingen (%)"']
    for c in REGULIER:
        for r in dataset(c):
            cells = [label(c), r["year"], r["aanvragen"].replace(".", ""), r["beslissingen"].replace(".", ""),
                     r["inwilligingen"].rstrip("%")]
            lines.append(";".join('"%s"' % x for x in cells))
    with open(os.path.join(HERE, "cbs-verblijfsaanvragen.csv"), "wb") as f:
        f.write(("\r\n".join(lines) + "\r\n").encode("utf-8"))


if __name__ == "__main__":
    main()
