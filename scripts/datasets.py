"""datasets reads the dataset files (Sources/IndqData/datasets) for the scripts that write files from them:
Examples/data/make.py and Tests/Oracle/csv/make.py.

    import sys; sys.path.insert(0, "<root>/scripts"); from datasets import dataset
"""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATASETS = os.path.join(ROOT, "Sources", "IndqData", "datasets")


def dataset(name):
    """dataset reads a dataset file: its rows, each a dict of the printed cells by column name; comments (`#`),
    directives (`@`) and `+` lines (a second source of the row before) are left out."""
    header, rows = None, []
    with open(os.path.join(DATASETS, name + ".tsv"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line[0] in "#@+":
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
            else:
                rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)))))
    return rows
