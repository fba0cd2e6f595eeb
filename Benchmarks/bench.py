# Runs indq's benchmarks against sqlite3 and the DuckDB CLI and writes Benchmarks/RESULTS.md; `bash Benchmarks/run`
# builds indq and calls this. Each benchmark is one hyperfine run with the three tools interleaved in rounds.

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TOOLS = ["indq", "duckdb", "sqlite3"]
STARTUP_QUERY = "select inwilligingen from studenten where year >= 2020"


def sh(args, **kw):
    """sh runs a command and returns (exit status, stdout, stderr) as text."""
    p = subprocess.run(args, capture_output=True, text=True, **kw)
    return p.returncode, p.stdout, p.stderr


def normalised(output):
    """normalised keeps the data of a result in any of the three output styles: box characters and separators go,
    and lines with letters (headers, types, row counts) are dropped, since every benchmark's data is numbers."""
    rows = []
    for line in output.replace("\r", "").split("\n"):
        line = re.sub(r"[│┌┐└┘├┤┬┴┼─|,]", " ", line)
        cells = line.split()
        if not cells or re.search(r"[A-Za-z]", line):
            continue
        rows.append(" ".join(cells))
    return rows


def range_queries():
    """range_queries lists the benchmarks over n rows: a name, the SQL as a function of t (the table of 0..n-1), x (its
    column), n and mod (how the tool writes a remainder), and a note. indq and DuckDB read `range(n)` with column
    `range` and write `mod(a, b)`; sqlite3 reads `generate_series(0, n-1)` with column `value` and writes `a % b`
    (its mod() returns a float)."""
    return [
        ("group by, 100 groups",
         lambda t, x, n, mod: "select %s as g, count(*) as c, sum(%s) as s from %s group by g order by s desc, g limit 5"
         % (mod(x, "100"), x, t(n)), ""),
        ("group by, a million groups",
         lambda t, x, n, mod: "select %s as g, count(*) as c, sum(%s) as s from %s group by g order by s desc, g limit 5"
         % (mod(x, "1000000"), x, t(n)),
         "the top 5 of the groups by sum keeps the output small; all groups are built"),
        ("count(distinct …)",
         lambda t, x, n, mod: "select count(distinct %s) as d from %s" % (mod(x, "500000"), t(n)), ""),
        ("running sum over partitions",
         lambda t, x, n, mod: "select %s as v, sum(%s) over (partition by %s order by %s) as r from %s "
         "order by r desc, v limit 5" % (x, x, mod(x, "100"), x, t(n)),
         "100 partitions; the top 5 of the running sums keeps the output small; every row's sum is computed"),
        ("order by … limit 10",
         lambda t, x, n, mod: "select %s as v from %s order by %s desc limit 10" % (x, t(n), mod(x + " * 7919", str(n))),
         "7919 is prime, so the key is a permutation of 0..n-1: no ties"),
        ("full sort",
         lambda t, x, n, mod: "select %s as v from %s order by %s limit 1 offset %d" % (x, t(n), mod(x + " * 7919", str(n)), n - 1),
         "LIMIT 1 OFFSET n-1 must order all n rows to find the last, so it sorts everything while printing one "
         "row; an engine may do it with a top-n heap of n rows, which is still a full sort"),
        ("in (select …), 100,000 values",
         lambda t, x, n, mod: "select count(*) as c from %s where %s in (select %s * 7 from %s)" % (t(n), x, x, t(100000)),
         "the values are the multiples of 7 below 700,000"),
    ]


CSV_COLUMNS = "year integer, month integer, category text, nationality text, applications %s, decisions %s, grant_rate text"


def csv_queries():
    """csv_queries lists the benchmarks over the generated CSV files (gen_csv.py): a name, the SQL as a function of
    f (how the tool names the big file), b (the 10,000-row file) and num (how it reads a count of the file), whether
    the file is the Dutch one, and a note. indq and DuckDB read the files in FROM; sqlite3 .imports them first."""
    q1 = lambda f, b, num: ("select month, sum(%s) as a, sum(%s) as d from %s where category = 'studenten' and year >= 2020 "
                            "group by month order by month" % (num("applications"), num("decisions"), f))
    return [
        ("csv: filter + group by + sum", q1, False, "12 rows, one a month, of one category since 2020"),
        ("csv: count(*)", lambda f, b, num: "select count(*) as c from %s" % f, False, ""),
        ("csv: order by … limit 10",
         lambda f, b, num: "select applications, decisions from %s order by decisions desc, applications desc limit 10" % f,
         False, "ties print the same values in any order"),
        ("csv: join with 10,000 rows",
         lambda f, b, num: "select x.band as band, count(*) as c, sum(y.decisions) as d from %s y join %s x "
                           "on y.applications = x.applications where x.band < 5 group by x.band order by x.band" % (f, b),
         False, "the 10,000-row file holds applications 0..9999 with their band (applications // 100)"),
        ("csv: query 1 on the Dutch file", q1, True,
         "`;` between fields and `.` between thousands; DuckDB is told so (delim, decimal_separator, thousands) and given "
         "the two columns' types, as its sniffer keeps them as text on this file even so; indq finds it all; sqlite3 "
         "imports text and removes the dots"),
    ]


def csv_commands(tools, query, dutch, big, nl, bands, join):
    """csv_commands is each tool's command for one CSV benchmark."""
    path = nl if dutch else big
    plain = lambda c: c
    commands = {
        "indq": [tools.path["indq"], "-c", query("'%s'" % path, "'%s'" % bands, plain)],
        "duckdb": [tools.path["duckdb"], "-c", query(
            "read_csv('%s', delim = ';', decimal_separator = ',', thousands = '.', "
            "types = {'applications': 'BIGINT', 'decisions': 'BIGINT'})" % path if dutch else "'%s'" % path, "'%s'" % bands, plain)],
    }
    kind = "text" if dutch else "integer"
    num = (lambda c: "cast(replace(%s, '.', '') as integer)" % c) if dutch else plain
    def imported(table, schema, file, separator):
        return ["-cmd", "create table %s(%s)" % (table, schema), "-cmd", ".mode csv", "-cmd", ".separator %s" % separator,
                "-cmd", ".import --skip 1 %s %s" % (file, table)]
    sqlite = [tools.path["sqlite3"], ":memory:"] + imported("f", CSV_COLUMNS % (kind, kind), path, ";" if dutch else ",")
    if join:
        sqlite += imported("b", "applications integer, band integer", bands, ",")
    sqlite += ["-cmd", ".mode list", "-cmd", ".separator |"]
    commands["sqlite3"] = sqlite + [query("f", "b", num)]
    return commands


class Tools:
    """Tools knows how each tool is started, in the shape of the start-up benchmark's commands."""

    def __init__(self, indq, duckdb, sqlite3, work):
        self.path = {"indq": indq, "duckdb": duckdb, "sqlite3": sqlite3}
        self.work = work
        self.data = None

    def shown(self, command):
        """shown writes a command for RESULTS.md, with the tools by name and the work folder as $WORK."""
        names = {path: tool if tool != "indq" else ".build/release/indq" for tool, path in self.path.items()}
        text = shlex.join([names.get(a, a) for a in command]).replace(self.work, "$WORK")
        return text.replace(self.data, "$DATA") if self.data else text

    def one_shot(self, tool, sql, database=True):
        """one_shot is the command that runs one statement and exits."""
        if tool == "indq":
            return [self.path["indq"], "-c", sql]
        if tool == "duckdb":
            return [self.path["duckdb"]] + ([os.path.join(self.work, "figures.duckdb")] if database else []) + ["-c", sql]
        return [self.path["sqlite3"], os.path.join(self.work, "figures.db") if database else ":memory:", sql]

    def script(self, tool, path):
        """script is the command that runs a script file."""
        if tool == "indq":
            return [self.path["indq"], path]
        if tool == "duckdb":
            return [self.path["duckdb"], os.path.join(self.work, "figures.duckdb"), "-f", path]
        return [self.path["sqlite3"], os.path.join(self.work, "figures.db"), ".read " + path]


def build_databases(tools, work):
    """build_databases writes studenten, as indq prints it in csv, into a sqlite3 and a DuckDB file."""
    status, csv, err = sh([tools.path["indq"], "--format", "csv", "-c", "select * from studenten"])
    if status != 0:
        sys.exit("indq could not print studenten: " + err)
    path = os.path.join(work, "studenten.csv")
    with open(path, "w") as f:
        f.write(csv)
    schema = "create table studenten(year integer, aanvragen integer, beslissingen integer, inwilligingen text)"
    status, _, err = sh([tools.path["sqlite3"], os.path.join(work, "figures.db")],
                        input=schema + ";\n.mode csv\n.import --skip 1 " + path + " studenten\n")
    if status != 0:
        sys.exit("sqlite3 could not load studenten: " + err)
    status, _, err = sh([tools.path["duckdb"], os.path.join(work, "figures.duckdb"), "-c",
                         schema + "; insert into studenten select * from read_csv('" + path + "', header = true, "
                         "columns = {'year': 'integer', 'aanvragen': 'integer', 'beslissingen': 'integer', "
                         "'inwilligingen': 'text'})"])
    if status != 0:
        sys.exit("duckdb could not load studenten: " + err)


def write_script(work, count):
    """write_script writes a script of `count` small statements: arithmetic, a look-up and a filtered count."""
    path = os.path.join(work, "script.sql")
    with open(path, "w") as f:
        for i in range(count):
            kind = i % 3
            if kind == 0:
                f.write("select %d * 2 + 1 as v;\n" % i)
            elif kind == 1:
                f.write("select aanvragen from studenten where year = %d;\n" % (2019 + i % 3))
            else:
                f.write("select count(*) as c from studenten where aanvragen > %d;\n" % (i * 3))
    return path


def peak_rss(command):
    """peak_rss runs a command once under /usr/bin/time -v and returns its maximum resident set size in KB."""
    status, _, err = sh(["/usr/bin/time", "-v"] + command)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    return int(m.group(1)) if m and status == 0 else None


def median(values):
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def hyperfine(commands, rounds, runs, warmup, work):
    """hyperfine times the tools' commands in one hyperfine run: the list repeats them in `rounds` rounds of `runs`
    runs each, so that the tools take turns; it returns each tool's median over all its runs, in seconds."""
    order = [tool for tool in TOOLS if tool in commands]
    args = ["hyperfine", "-N", "--style", "basic", "--runs", str(runs), "--warmup", str(warmup),
            "--export-json", os.path.join(work, "hyperfine.json")]
    for r in range(rounds):
        for tool in order:
            args += ["-n", "%s #%d" % (tool, r + 1), shlex.join(commands[tool])]
    status, out, err = sh(args)
    if status != 0:
        sys.exit("hyperfine failed:\n" + out + err)
    with open(os.path.join(work, "hyperfine.json")) as f:
        results = json.load(f)["results"]
    times = {tool: [] for tool in order}
    for result in results:
        times[result["command"].split(" #")[0]] += result["times"]
    return {tool: median(t) for tool, t in times.items()}, args


def run_benchmark(name, commands, note, args, work, rounds, runs, warmup):
    """run_benchmark checks that the tools agree, times those that can run it, and measures their peak memory."""
    row = {"name": name, "note": note, "commands": commands, "median": {}, "rss": {}, "unsupported": {}}
    outputs = {}
    for tool, command in commands.items():
        status, out, err = sh(command)
        if status != 0:
            if tool == "indq":
                row["unsupported"][tool] = (err.strip().splitlines() or ["exit %d" % status])[0]
                continue
            sys.exit("%s failed on %s:\n%s\n%s" % (tool, name, shlex.join(command), err))
        outputs[tool] = normalised(out)
    reference = outputs.get("duckdb")
    row["mismatch"] = [tool for tool, o in outputs.items() if o != reference]
    if row["mismatch"]:
        print("MISMATCH in %s:" % name, file=sys.stderr)
        for tool, o in outputs.items():
            print("  %s: %s" % (tool, o[:10]), file=sys.stderr)
        return row
    timed = {tool: c for tool, c in commands.items() if tool in outputs}
    row["median"], _ = hyperfine(timed, rounds, runs, warmup, work)
    for tool, command in timed.items():
        row["rss"][tool] = peak_rss(command)
    shown = ", ".join("%s %s" % (t, seconds(m)) for t, m in row["median"].items())
    print("%-40s %s" % (name, shown), file=sys.stderr)
    return row


def seconds(s):
    return "%.1f ms" % (s * 1000) if s < 1 else "%.2f s" % s


def version(command):
    status, out, err = sh(command)
    return (out or err).strip().splitlines()[0] if (out or err).strip() else "?"


def machine():
    """machine describes the computer the benchmarks ran on."""
    cpu = "?"
    if os.path.exists("/proc/cpuinfo"):
        with open("/proc/cpuinfo") as f:
            m = re.search(r"model name\s*:\s*(.*)", f.read())
            cpu = m.group(1) if m else cpu
    memory = "?"
    if os.path.exists("/proc/meminfo"):
        with open("/proc/meminfo") as f:
            m = re.search(r"MemTotal:\s*(\d+) kB", f.read())
            memory = "%.1f GB" % (int(m.group(1)) / 1024 / 1024) if m else memory
    system = platform.platform()
    if os.path.exists("/etc/os-release"):
        with open("/etc/os-release") as f:
            m = re.search(r'PRETTY_NAME="(.*)"', f.read())
            system = "%s, Linux %s" % (m.group(1), platform.release()) if m else system
    return cpu, os.cpu_count(), memory, system


def report(rows, tools, args, started, elapsed):
    """report writes RESULTS.md: the machine, the versions, the method, then one table per group of benchmarks."""
    cpu, cores, memory, system = machine()
    out = ["# Benchmark results", ""]
    out.append("Written by `bash Benchmarks/run%s%s` on %s, in %.0f s. Do not edit by hand; run it again." % (
        " csv" if args.csv else "", " --quick" if args.quick else "", started, elapsed))
    if args.quick:
        out += ["", "**Quick mode**: 1 M rows only and fewer runs; a trial, not the result."]
    out += ["", "## Machine", "",
            "- CPU: %s, %s cores" % (cpu, cores),
            "- memory: %s" % memory,
            "- system: %s" % system,
            "- indq: %s (the release build of scripts/indq)" % version([tools.path["indq"], "--version"]),
            "- sqlite3: %s" % version([tools.path["sqlite3"], "--version"]),
            "- DuckDB CLI: %s, default settings" % version([tools.path["duckdb"], "-version"]),
            "- %s" % version(["hyperfine", "--version"]),
            "", "## Method", "",
            "- Each benchmark is one hyperfine run (`-N`, no shell). Its command list repeats the three tools in "
            "rounds, so that they take turns; the median is over all of a tool's runs.",
            "- Before timing, each command runs once and the three outputs are compared, with box characters, "
            "separators and header lines removed. A mismatch fails the run.",
            "- Peak memory is the maximum resident set size from `/usr/bin/time -v`, one more run of each command.",
            "- The DuckDB CLI from PyPI (`duckdb-cli`) is a Python launcher; the binary it starts is timed directly, "
            "so Python's start-up is not counted against DuckDB.",
            "- sqlite3 reads `generate_series(0, n-1)` (the series table-valued function built into this CLI, "
            "column `value`); indq and DuckDB read `range(n)` (column `range`).",
            "- The CSV benchmarks read files made by `Benchmarks/gen_csv.py` (fixed seed, made-up values; $DATA "
            "below): 7 columns, 1 M rows about 43 MB; the Dutch copy has `;` and `.` between thousands; bands.csv "
            "has 10,000 rows. indq and DuckDB read a file in FROM; sqlite3's time includes `.import` into a typed table.",
            "- The start-up and script benchmarks read a copy of `studenten` made from indq's own csv output "
            "(`inwilligingen` as text such as `96%`), from a sqlite3 file and a DuckDB file.",
            "- Goals (%s): indq ≤ 1.0× DuckDB and ≤ 0.25× sqlite3 in medians; peak memory ≤ DuckDB's; "
            "10 M rows ≤ 11× the time of 1 M." % ("issue 12" if args.csv else "issue 11; issue 12 for the csv benchmarks"),
            ""]
    out += ["## Results", "",
            "| benchmark | indq | DuckDB | sqlite3 | indq/DuckDB | indq/sqlite3 | peak RSS indq / DuckDB / sqlite3 (MB) | goals |",
            "|---|---:|---:|---:|---:|---:|---:|---|"]
    by_name = {r["name"]: r for r in rows}
    for r in rows:
        med, rss = r["median"], r["rss"]
        def cell(tool):
            if tool in r["unsupported"]:
                return "not supported yet"
            return seconds(med[tool]) if tool in med else "—"
        def ratio(a, b):
            return "%.2f×" % (med[a] / med[b]) if a in med and b in med else "—"
        def mb(tool):
            return "%.1f" % (rss[tool] / 1024) if rss.get(tool) else "—"
        goals = []
        if r["mismatch"]:
            goals.append("**MISMATCH** (%s)" % ", ".join(r["mismatch"]))
        elif "indq" in r["unsupported"]:
            goals.append("indq: not supported yet")
        elif "indq" in med:
            goals.append("DuckDB %s" % ("met" if "duckdb" in med and med["indq"] <= med["duckdb"] else "not met"))
            goals.append("sqlite3 %s" % ("met" if "sqlite3" in med and med["indq"] <= 0.25 * med["sqlite3"] else "not met"))
            if rss.get("indq") and rss.get("duckdb"):
                goals.append("memory %s" % ("met" if rss["indq"] <= rss["duckdb"] else "not met"))
            small = by_name.get(r["name"].replace("10 M", "1 M")) if "10 M" in r["name"] else None
            if small and "indq" in small["median"]:
                growth = med["indq"] / small["median"]["indq"]
                goals.append("10 M/1 M %.1f× %s" % (growth, "met" if growth <= 11 else "not met"))
        out.append("| %s | %s | %s | %s | %s | %s | %s / %s / %s | %s |" % (
            r["name"], cell("indq"), cell("duckdb"), cell("sqlite3"), ratio("indq", "duckdb"), ratio("indq", "sqlite3"),
            mb("indq"), mb("duckdb"), mb("sqlite3"), "; ".join(goals)))
    out += ["", "## Notes on the forms", ""]
    for r in rows:
        if r["note"] and not r["name"].endswith("10 M"):
            out.append("- %s: %s." % (r["name"].rsplit(",", 1)[0] if " M" in r["name"] else r["name"], r["note"]))
    unsupported = [(r["name"], r["unsupported"]["indq"]) for r in rows if "indq" in r["unsupported"]]
    if unsupported:
        out += ["", "## Not supported by indq yet", ""]
        out += ["- %s: `%s`" % (name, message) for name, message in unsupported]
    out += ["", "## Commands", ""]
    for r in rows:
        out.append("%s:" % r["name"])
        out.append("```")
        out += [tools.shown(c) for c in r["commands"].values()]
        out.append("```")
    out.append("")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description="Benchmarks indq against sqlite3 and the DuckDB CLI.")
    parser.add_argument("--quick", action="store_true", help="1 M rows only and fewer runs, for trials")
    parser.add_argument("--only", help="run only the benchmarks whose name contains this text")
    parser.add_argument("--csv", action="store_true", help="only the CSV benchmarks, written to RESULTS-csv.md")
    parser.add_argument("--data", default=os.path.join(ROOT, ".build", "bench-csv"),
                        help="where gen_csv.py's files are kept between runs")
    parser.add_argument("--indq", required=True)
    parser.add_argument("--duckdb", required=True)
    parser.add_argument("--sqlite3", required=True)
    parser.add_argument("--output")
    args = parser.parse_args()
    if args.output is None:
        args.output = os.path.join(HERE, "RESULTS-csv.md" if args.csv else "RESULTS.md")
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    clock = time.time()
    work = tempfile.mkdtemp(prefix="indq-bench-")
    try:
        tools = Tools(args.indq, args.duckdb, args.sqlite3, work)
        tools.data = args.data
        build_databases(tools, work)
        rows = []

        def wanted(name):
            return (args.only is None or args.only in name) and (not args.csv or name.startswith("csv:"))

        if wanted("start-up"):
            commands = {tool: tools.one_shot(tool, STARTUP_QUERY) for tool in TOOLS}
            rows.append(run_benchmark("one-shot start-up", commands, "", args, work,
                                      rounds=5 if args.quick else 10, runs=10 if args.quick else 30, warmup=5))
        if wanted("script"):
            script = write_script(work, 10000)
            commands = {tool: tools.script(tool, script) for tool in TOOLS}
            rows.append(run_benchmark("10,000-statement script", commands,
                                      "arithmetic, a look-up by year and a filtered count, in turn", args, work,
                                      rounds=3 if args.quick else 5, runs=2, warmup=1))
        sizes = [1000000] if args.quick else [1000000, 10000000]
        for n in sizes:
            label = "%d M" % (n // 1000000)
            for name, query, note in range_queries():
                full = "%s, %s" % (name, label)
                if not wanted(full):
                    continue
                commands = {}
                for tool in TOOLS:
                    if tool == "sqlite3":
                        sql = query(lambda k: "generate_series(0, %d)" % (k - 1), "value", n, lambda a, b: "(%s) %% %s" % (a, b))
                    else:
                        sql = query(lambda k: "range(%d)" % k, "range", n, lambda a, b: "mod(%s, %s)" % (a, b))
                    commands[tool] = tools.one_shot(tool, sql, database=False)
                rows.append(run_benchmark(full, commands, note, args, work,
                                          rounds=3 if args.quick or n > 1000000 else 5, runs=1, warmup=0))
        for n in sizes:
            label = "%d M" % (n // 1000000)
            chosen = [(name, q, dutch, note) for name, q, dutch, note in csv_queries() if wanted("%s, %s" % (name, label))]
            if not chosen:
                continue
            status, _, err = sh([sys.executable, os.path.join(HERE, "gen_csv.py"), args.data, str(n)])
            if status != 0:
                sys.exit("gen_csv.py failed: " + err)
            big = os.path.join(args.data, "figures-%d.csv" % n)
            nl = os.path.join(args.data, "figures-%d-nl.csv" % n)
            bands = os.path.join(args.data, "bands.csv")
            for name, query, dutch, note in chosen:
                commands = csv_commands(tools, query, dutch, big, nl, bands, join="join" in name)
                rows.append(run_benchmark("%s, %s" % (name, label), commands, note, args, work,
                                          rounds=3 if args.quick or n > 1000000 else 5, runs=1, warmup=0))
        text = report(rows, tools, args, started, time.time() - clock)
        with open(args.output, "w") as f:
            f.write(text)
        print("wrote " + os.path.relpath(args.output, os.getcwd()), file=sys.stderr)
        mismatched = [r["name"] for r in rows if r["mismatch"]]
        if mismatched:
            print("\nFAILED: the tools disagree on: " + ", ".join(mismatched), file=sys.stderr)
            sys.exit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
