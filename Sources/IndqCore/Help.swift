// The text of `help`: what the language can do, with examples that run.

/// Help produces the help text.
enum Help {
    /// text is the general help, or help on one statement.
    static func text(topic: String?, catalogue: Catalogue) -> String {
        switch topic {
        case "select", "query":
            return select
        case "show", "datasets", "describe", "source", "create", "drop", "view", "table":
            return statements
        case "functions", "function", "aggregates", "window", "windows":
            return functions
        case "numbers", "arithmetic", "decimals", "decimal", "percentages", "types":
            return numbers
        case "dates", "date":
            return dates
        case "join", "joins", "using", "cross", "inner", "outer":
            return joins
        case "with", "cte", "ctes", "subquery", "subqueries", "exists", "derived":
            return with
        case "pp", "points":
            return Glossary.builtin.lookup("procentpunt").map(Glossary.explain) ?? numbers
        case "notes", "note":
            return notes
        case "terms", "glossary", "termen":
            return Glossary.builtin.listing()
        case let topic? where topic.hasPrefix("terms "):
            return terms(subject: String(topic.dropFirst("terms ".count)))
        default:
            if let topic, let word = sqlWord(topic) { return alsoATerm(topic, after: explain(word)) }
            if let topic, let f = FunctionRegistry.lookup(topic) { return alsoATerm(topic, after: describe(f)) }
            if let topic, let entry = Glossary.builtin.lookup(topic), catalogue.dataset(named: topic) == nil {
                return Glossary.explain(entry)
            }
            if let topic, let d = catalogue.dataset(named: topic) {
                return "\(d.name) (\(d.english)): \(d.description)\nColumns: "
                    + d.columns.map(\.name).joined(separator: ", ") + "\nTry: describe \(d.name); source \(d.name)\n"
            }
            if let topic {
                let containing = Glossary.builtin.containing(topic)
                if containing.count == 1 { return Glossary.explain(containing[0]) }
                if !containing.isEmpty {
                    return "'\(topic)' is a word of several terms (help TERM for one):\n"
                        + containing.map { "  \($0.term) (\($0.english))\n" }.joined()
                }
                var text = "No help on '\(topic)'."
                let words = Glossary.builtin.entries.map(\.term) + FunctionRegistry.names + catalogue.allNames
                if let s = suggestion(for: topic, among: words) { text += " Did you mean \(s)?" }
                return text + " Try help, help select, help functions, help terms, or help followed by a term such as inwilligingen.\n"
            }
            return general
        }
    }

    /// topics are the subjects `help` has a text of its own on, besides SQL words, functions, terms and datasets.
    static let topics = ["select", "functions", "show", "datasets", "describe", "source", "create", "drop", "view", "table",
                         "numbers", "percentages", "dates", "join", "with", "subquery", "exists", "notes", "terms"]

    /// completions are what Tab offers after `help`: the topics, SQL words, functions, terms in Dutch and English,
    /// and the datasets.
    static func completions(catalogue: Catalogue) -> [String] {
        topics + sqlWordTopics + FunctionRegistry.spellings + Glossary.builtin.spellings + catalogue.allNames
    }

    /// terms lists the terms of one subject, or names the subjects when there is none of that name.
    static func terms(subject: String) -> String {
        let glossary = Glossary.builtin
        let wanted = subject.trimmingCharacters(in: " ")
        if let s = glossary.subjects.first(where: { $0 == wanted }) ?? glossary.lookup(wanted).map(\.subject) {
            return glossary.listing(subject: s)
        }
        return "No subject '\(wanted)'. The subjects are: " + glossary.subjects.joined(separator: ", ") + ".\n"
    }

    /// functions lists every function with what it does and an example.
    static var functions: String {
        var out = "Functions (help NAME for one):\n"
        let aggregates = FunctionRegistry.entries.filter { $0.kind == .aggregate }
        let overWindows = aggregates.filter(\.alsoWindow)
        let alsoWindows = overWindows.count == aggregates.count ? "every aggregate works there too"
            : overWindows.map(\.name).joined(separator: ", ") + " work there too"
        for (kind, title) in [(FunctionKind.scalar, "Scalar functions"), (.aggregate, "Aggregates (with GROUP BY, or over all rows)"),
                              (.window, "Window functions (with OVER; \(alsoWindows), over the rows up to the current one)")] {
            out += "\n\(title):\n"
            for f in FunctionRegistry.entries where f.kind == kind { out += describe(f, indent: "  ") }
        }
        out += """

        Also: CASE WHEN c THEN a [ELSE b] END; CAST(x AS INTEGER | BIGINT | DOUBLE | VARCHAR | DATE | DECIMAL(p, s) | PERCENTAGE),
        or x::type; x [NOT] LIKE 'pa%tern'
        (ILIKE ignores case; % is any text, _ one character); a || b joins text; (SELECT …) as a value; UNION, INTERSECT, EXCEPT [ALL].

        """
        return out
    }

    /// describe explains one function, with its example and the example's result.
    static func describe(_ f: FunctionEntry, indent: String = "") -> String {
        var text = "\(indent)\(f.signature)\n\(indent)    \(f.summary)\n\(indent)    e.g. \(f.example.sql)\n"
        text += "\(indent)      → \(f.example.result)\n"
        if !f.aliases.isEmpty && !f.signature.contains("also") {
            text += "\(indent)    also: \(f.aliases.joined(separator: ", "))\n"
        }
        return text
    }

    static let general = """
    indq queries the figures of the IND annual reports 2021 and 2022 with a small subset of SQL.

    Statements (end them with ';' or, at the prompt, just press Enter when the statement is complete):
      show datasets                      list the datasets, with row counts
      describe studenten                 the columns of a dataset, their types and meanings
      source kerncijfers                 where the figures come from: report, section, table or sentence
      summarize studenten                per column: type, min, max, distinct count, avg, null share (also of a
                                         query: summarize select …, or a file: summarize 'cijfers.csv')
      select * from studenten            query a dataset (help select for the details)
      help [select | functions | show | NAME]   this text, or more on one subject
      help inwilligingen                 what a term means, in Dutch and English (also: help grant_rate)
      help terms                         every term of the reports, by subject (help terms asiel: one subject)
      help numbers                       counts, exact decimals, percentages and percentage points
      help dates                         dates: literals, parts, date_trunc, arithmetic
      help join                          joins: inner, left, right, full, cross, using, aliases
      help like                          an SQL word, with an example and its result (also: cast, case, where,
                                         group by, order by, having, limit, distinct, in, between, is null, …)
      help with                          CTEs, subqueries in FROM, correlated subqueries, exists
      select * from 'cijfers.csv'        query a CSV file; describe 'cijfers.csv' shows how it was read
      create table t as select …         keep a result for the session (help create)
      set memory_limit = '1GB'           the most memory one statement may use (default: half the machine's)

    Examples:
      select year, aanvragen, inwilligingen from studenten where year >= 2020;
      select categorie, year, aanvragen from regulier where inwilligingen >= 90% order by aanvragen desc limit 3;
      select onderwerp, waarde, kwalificatie from kerncijfers where year = 2022;

    Notes: after a result, a `note:` on standard error tells what the figures do not say by themselves, such as a
    year the dataset does not have (help notes). A note never changes the result or the exit status.

    New to the figures? .lesson lists eight lessons, from a first select to window functions; .lesson 1 starts the
    first, and checks each query you run against its exercise (.hint, .solution, .skip). help TERM explains a Dutch
    term: help inwilligingen, help nareis; help terms lists them all.

    At the prompt: Up and Down walk the history, Ctrl-R searches it, Tab completes, Ctrl-C clears the line or stops
    a running statement, Ctrl-D leaves. Options: indq --help.

    """

    static let select = """
    SELECT [DISTINCT] items [FROM dataset | range(…) | generate_series(…)] [WHERE condition] [GROUP BY keys | ALL] [HAVING condition]
      [QUALIFY condition] [UNION | INTERSECT | EXCEPT [ALL] SELECT …] [ORDER BY key [ASC|DESC], … | ALL] [LIMIT n] [OFFSET n]

      items      *, column names and expressions, each with an optional AS alias:
                   select year, aanvragen - beslissingen as verschil from studenten
      arithmetic + - * / (true division: 7 / 2 is 3.5) and // (integer division), with parentheses
      condition  = != <> < <= > >=, and, or, not, between … and …, in (…), is [not] null:
                   where year between 2019 and 2020 and inwilligingen >= 95%
      star       * exclude (beslissingen), * replace (aanvragen // 1000 as aanvragen)
      aliases    usable in where, group by, having, qualify and order by: ... as verschil ... order by -verschil
      order by   column names, aliases, positions, expressions or all: order by 2 desc
      literals   42, 3.5 (an exact decimal), 1e3 (a double), 'text', 95% (a percentage: the fraction 0.95), null,
                 true, false, date '2022-03-31'; help numbers and help dates explain how they compute
      group by   names, positions or expressions, with aggregates (help functions):
                   select categorie, sum(aanvragen) from regulier group by categorie having sum(aanvragen) > 10000
      windows    year-on-year growth, with qualify to keep only 2021:
                   select categorie, year, aanvragen - lag(aanvragen) over (partition by categorie order by year) as groei
                   from regulier qualify year = 2021
      sets       union, intersect, except, each also with all: select year from studenten intersect select year from brexit
      numbers    range(stop), range(start, stop[, step]) without stop, generate_series(…) with it, as DuckDB:
                   select count(*) from range(1000000) where mod(range, 7) = 0
      no FROM    constants only: select 7 / 2, 7 // 2, 82% * 1000

    Names and keywords are case-insensitive; jaar means year, and English names work too (students, applications).
    Percentages are fractions: inwilligingen = 82% and inwilligingen = 0.82 are the same test.

    """

    static let numbers = """
    Numbers: counts are 64-bit integers; decimals are exact, as DuckDB's DECIMAL (up to 38 digits), so
    0.1 + 0.2 = 0.3 is true; a double, as DuckDB's DOUBLE, is what /, avg and 1e3 give. A percentage is an exact
    fraction (82% is 0.82); the difference of two percentages is in percentage points (help procentpunt).

      count + - * count, //                  count              aanvragen - beslissingen
      decimal + - * count or decimal         exact decimal      0.1 + 0.2 is 0.3, 1.5 * 2 is 3.0
      x / y, avg, anything with a double     double             7 / 2 is 3.5
      percentage + percentage                percentage         50% + 25% is 75%
      percentage - percentage                points             99% - 96% is 3 pp
      percentage + - points                  percentage         96% + (99% - 96%) is 99%
      points + - points                      points
      percentage or points * a number        decimal            82% * 40000 is 32800.00
      cast(x as percentage), x::percentage   percentage         (2000 / 1200 - 1)::percentage is 66.6667%
      round(p), round(p, n)                  percent rounded    round(85.83%) is 86%, round(85.83%, 1) is 85.8%

    A decimal prints every digit of its scale (1.50); a percentage prints at most four decimals of a percent, and
    points print as 6 pp. json writes percentages and points as the fraction; csv writes 82% and, for points, the
    fraction (0.06). A decimal that needs more than 38 digits is an error.

    """

    static let dates = """
    Dates: a date is a day from 0001-01-01 to 9999-12-31, as DuckDB's DATE, and every format prints it as 2022-03-31.

      date '2022-03-31'                      a date
      cast('2022-3-1' as date), x::date      text read as a date: YYYY-MM-DD, months and days of one or two digits
      cast(d as varchar)                     the date as text
      d >= '2022-01-01', d between … and …   a text constant beside a date is read as a date; other text needs a cast
      d + 7, d - 7                           a week later, a week earlier
      d - e                                  the number of days from e to d
      year(d), month(d), day(d), quarter(d)  its parts; also week (ISO), dayofweek, isodow, dayofyear, isoyear,
                                             yearweek
      extract(year from d)                   the same as date_part('year', d)
      date_trunc('month', d)                 the first day of its month; also year, quarter, week (a Monday), day
      date_diff('month', d, e)               the calendar months crossed from d to e; also year, quarter, week, day
      last_day(d), make_date(y, m, d)        the month's last day; the date of a year, month and day
      monthname(d), dayname(d)               the names in English, as DuckDB gives them

    A text that is no date, such as '2022-02-29', is an error that says why; so is arithmetic beyond 9999-12-31.
    help NAME gives each function with an example.

    """

    static let notes = """
    Notes are written after a result, on standard error, as `note: …` with the place in the statement they are
    about. They never change the result or the exit status. indq notes:
      a year outside the dataset   select * from studenten where year = 2022
                                   (also year > 2021, year in (…), year between … and …): studenten has 2019–2021
      a near miss in text          where post = 'Totaal lasten': did you mean 'Totaal Lasten'? (case, accents or a
                                   small typo; English dataset names too: categorie = 'students' → 'studenten')
      different units              sum, avg, min or max over kerncijfers.waarde whose rows have different eenheid
      cumulative figures           brexit counts "tot en met": sum or avg over several years, lag and lead

    """

    static let statements = """
    show datasets            (also: show tables) lists every dataset with its row count and description
    describe NAME            lists the columns of a dataset with their types and meanings
    source NAME              shows the report, section and table the figures come from; for figures from the
                             running text, each sentence and the line where it stands
    create table NAME as SELECT …
                             keeps the query's rows as a table for the rest of the session
    create view NAME as SELECT …
                             keeps the query itself: each statement that reads the view runs it again
    drop table|view [if exists] NAME
                             removes a table or view of the session; the report datasets cannot be dropped
    summarize NAME           per column: type, min, max, distinct count, avg and null share (help summarize);
                             also summarize 'file.csv' and summarize SELECT …

    A session table or view may not take the name of a report dataset (Dutch or English), which it would hide.
    `create or replace` replaces one of the same kind; `if not exists` leaves an existing one as it is.

    """
}
