#!/usr/bin/env python3
"""Writes the CSV files of the CSV benchmarks, the same bytes every time (a fixed seed):

    python3 Benchmarks/gen_csv.py DIR [ROWS ...]     # default 1000000 and 10000000 rows

- figures-N.csv: N rows of year, month, category, nationality, applications, decisions, grant_rate (`82%`), with `,`;
  1 M rows are about 42 MB;
- figures-N-nl.csv: the same rows as a Dutch spreadsheet writes them: `;` between fields and `.` between thousands;
- bands.csv: 10,000 rows, applications 0..9999 with their band (applications // 100), to join with.

The values are made up: uniform random numbers under fixed seeds, not figures of the reports. A file that is already
there with the right size is kept."""
import os
import random
import sys

SEED = 20211231
CATEGORIES = ["familie_en_gezin", "kennis_en_talent", "start_ups", "studenten", "arbeidsmigranten"]
NATIONALITIES = ["Indiase", "Turkse", "Syrische", "Chinese", "Iraanse", "Russische", "Britse", "Eritrese", "Afghaanse",
                 "Japanse", "Duitse", "Poolse"]
HEADER = ["year", "month", "category", "nationality", "applications", "decisions", "grant_rate"]
CHUNK = 100000


def dutch(n):
    """dutch writes a whole number with `.` between thousands, as a Dutch spreadsheet does."""
    return "{:,}".format(n).replace(",", ".")


def rows(n):
    """rows yields the n rows, in chunks of CHUNK lines as (plain, dutch) text."""
    rng = random.Random(SEED)
    for start in range(0, n, CHUNK):
        plain, nl = [], []
        for _ in range(min(CHUNK, n - start)):
            year = 2015 + rng.randrange(10)
            month = 1 + rng.randrange(12)
            category = CATEGORIES[rng.randrange(len(CATEGORIES))]
            nationality = NATIONALITIES[rng.randrange(len(NATIONALITIES))]
            applications = rng.randrange(10000)
            decisions = rng.randrange(applications + 1)
            rate = rng.randrange(101)
            plain.append("%d,%d,%s,%s,%d,%d,%d%%\n" % (year, month, category, nationality, applications, decisions, rate))
            nl.append("%d;%d;%s;%s;%s;%s;%d%%\n" % (year, month, category, nationality, dutch(applications), dutch(decisions), rate))
        yield "".join(plain), "".join(nl)


def write(directory, n):
    """write makes figures-n.csv and figures-n-nl.csv unless they are there; it returns their paths."""
    plain = os.path.join(directory, "figures-%d.csv" % n)
    nl = os.path.join(directory, "figures-%d-nl.csv" % n)
    done = plain + ".done"
    if not (os.path.exists(done) and os.path.exists(plain) and os.path.exists(nl)):
        with open(plain + ".tmp", "w") as p, open(nl + ".tmp", "w") as d:
            p.write(",".join(HEADER) + "\n")
            d.write(";".join(HEADER) + "\n")
            for a, b in rows(n):
                p.write(a)
                d.write(b)
        os.replace(plain + ".tmp", plain)
        os.replace(nl + ".tmp", nl)
        open(done, "w").close()
    return plain, nl


def write_bands(directory):
    path = os.path.join(directory, "bands.csv")
    with open(path, "w") as f:
        f.write("applications,band\n")
        for a in range(10000):
            f.write("%d,%d\n" % (a, a // 100))
    return path


USAGE = "usage: python3 Benchmarks/gen_csv.py DIR [ROWS …]  (default ROWS: 1000000 10000000)"


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith("-") or not all(a.isdigit() for a in args[1:]):
        print(USAGE, file=sys.stderr)
        sys.exit(0 if args and args[0] in ("-h", "--help") else 2)
    directory = args[0]
    os.makedirs(directory, exist_ok=True)
    sizes = [int(a) for a in sys.argv[2:]] or [1000000, 10000000]
    write_bands(directory)
    for n in sizes:
        plain, nl = write(directory, n)
        print("%s: %.1f MB, %s: %.1f MB" % (plain, os.path.getsize(plain) / 1e6, nl, os.path.getsize(nl) / 1e6), file=sys.stderr)


if __name__ == "__main__":
    main()
