#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora: for IndqFuzz one statement per file, from Examples/*.sql and Tests/Oracle/*.sql;
for IndqCSVFuzz (--csv) the files of the CSV corpus, Tests/Oracle/csv, each cut to the fuzzers' 4,096 bytes.

    python3 Fuzz/seed.py OUTDIR
    python3 Fuzz/seed.py --csv OUTDIR

A statement runs from its first line to the line that ends with ';'; '--' comment lines are dropped; a dot-command
is one line. The committed Fuzz/corpus is these seeds merged with what the fuzzer found (see README.md)."""
import glob, hashlib, os, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = sys.argv[-1]
os.makedirs(out, exist_ok=True)
seen = set()

if sys.argv[1] == "--csv":
    folder = os.path.join(root, "Tests", "Oracle", "csv")
    for name in sorted(os.listdir(folder)):
        if name.endswith((".py", ".md", ".tsv")):
            continue
        data = open(os.path.join(folder, name), "rb").read()[:4096]
        seen.add(data)
        with open(os.path.join(out, "seed-" + hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
            f.write(data)
    print(f"{len(seen)} seeds in {out}", file=sys.stderr)
    sys.exit(0)

def emit(text):
    text = text.strip()
    if not text or text in seen:
        return
    seen.add(text)
    name = "seed-" + hashlib.sha1(text.encode()).hexdigest()[:16]
    with open(os.path.join(out, name), "w") as f:
        f.write(text + "\n")

paths = sorted(glob.glob(os.path.join(root, "Examples", "*.sql"))) + sorted(glob.glob(os.path.join(root, "Tests", "Oracle", "*.sql")))
for path in paths:
    pending = []
    for line in open(path, encoding="utf-8"):
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("--")):
            continue
        if not pending and stripped.startswith("."):
            emit(stripped)
            continue
        pending.append(line.rstrip("\n"))
        if stripped.endswith(";"):
            emit("\n".join(pending))
            pending = []
    if pending:
        emit("\n".join(pending))
print(f"{len(seen)} seeds in {out}", file=sys.stderr)
