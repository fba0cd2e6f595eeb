// `help like`, `help cast`, `help case` and the other SQL words a learner meets: what the word does, with an
// example on the real datasets. The example's result is computed when the help is shown, so it is always true, and
// a test runs every example through indq and DuckDB alike.

/// SQLWord is the help on one SQL word (or a few words that go together, such as LIKE and ILIKE).
struct SQLWord: Sendable {
    /// topics are the spellings `help` knows it by, in lower case: "like", "not like", "group by".
    var topics: [String]
    /// text explains the word: its shape, then what it does.
    var text: String
    /// example is a query on the datasets that shows the word at work.
    var example: String
}

extension Help {
    /// sqlWords are the SQL words `help WORD` explains, in the order a learner meets them.
    static let sqlWords: [SQLWord] = [
        SQLWord(topics: ["from"], text: """
            FROM dataset: the rows a query reads, from a dataset of the reports (show datasets), a CSV file in quotes,
            read_csv(…), range(…), a view, or a join of several (help join).
            """, example: "select year, aanvragen from studenten"),
        SQLWord(topics: ["where"], text: """
            WHERE condition: keeps the rows for which the condition is true; a condition that is NULL (unknown)
            drops the row too. Combine conditions with AND, OR and NOT.
            """, example: "select year, aanvragen from studenten where aanvragen > 15000 and year <> 2019"),
        SQLWord(topics: ["and", "or", "not"], text: """
            a AND b: both are true; a OR b: at least one is; NOT a: a is false. AND binds tighter than OR, so write
            parentheses where you mean otherwise: where (year = 2019 or year = 2021) and aanvragen > 20000.
            """, example: "select categorie, year from regulier where (year = 2019 or year = 2021) and aanvragen > 20000"),
        SQLWord(topics: ["like", "ilike", "not like", "not ilike"], text: """
            text LIKE 'pattern': whether the text matches the pattern, in which % stands for any text (also none)
            and _ for one character. ILIKE ignores upper and lower case; NOT LIKE is the opposite.
            """, example: "select onderwerp, waarde from kerncijfers where onderwerp like 'nareis%'"),
        SQLWord(topics: ["in", "not in"], text: """
            x IN (a, b, …): whether x equals one of the values; x IN (SELECT …) compares with a query's rows.
            NOT IN is the opposite.
            """, example: "select year, aanvragen from studenten where year in (2019, 2021)"),
        SQLWord(topics: ["between", "not between"], text: """
            x BETWEEN a AND b: a <= x and x <= b, both ends included.
            """, example: "select year, aanvragen from studenten where aanvragen between 12000 and 20500"),
        SQLWord(topics: ["is null", "is not null", "null", "is"], text: """
            NULL is a missing value: an empty cell in the data. x IS NULL tests for it, x IS NOT NULL for a value;
            x = NULL is never true. count(x) counts the values that are not NULL.
            """, example: "select year, onderwerp, waarde, kwalificatie from kerncijfers where kwalificatie is not null"),
        SQLWord(topics: ["case", "when", "then", "else", "end"], text: """
            CASE WHEN condition THEN a [WHEN … THEN b] [ELSE c] END: the value of the first WHEN whose condition is
            true, else the ELSE value (NULL without ELSE). Every THEN and ELSE must have one type.
            """, example: "select year, inwilligingen, case when inwilligingen >= 98% then 'hoog' else 'lager' end as niveau from studenten"),
        SQLWord(topics: ["cast", "::", "convert"], text: """
            CAST(x AS type), or x::type: x as another type: INTEGER, BIGINT, DOUBLE, VARCHAR (text), DECIMAL(p, s),
            PERCENTAGE or DATE. A value that does not fit is an error with its place (help numbers, help dates).
            """, example: "select year, cast(inwilligingen as decimal(4, 2)) as fractie, (cast(year as varchar) || '-12-31')::date as einde from studenten where year = 2021"),
        SQLWord(topics: ["as", "alias"], text: """
            expression AS name: names a result column (or, after a dataset, the dataset: from regulier AS r). The
            name can be used in WHERE, GROUP BY, HAVING and ORDER BY.
            """, example: "select year, aanvragen - beslissingen as verschil from studenten order by verschil"),
        SQLWord(topics: ["distinct"], text: """
            SELECT DISTINCT: each different row once. count(DISTINCT x) counts the different values of x.
            """, example: "select distinct categorie from nationaliteiten order by categorie"),
        SQLWord(topics: ["group by", "group"], text: """
            GROUP BY keys: one row per different value of the keys, with aggregates (sum, avg, count, …) over the
            rows of each group. GROUP BY ALL groups by every item without an aggregate.
            """, example: "select categorie, sum(aanvragen) as totaal from regulier group by categorie order by totaal desc"),
        SQLWord(topics: ["having"], text: """
            HAVING condition: keeps the groups of GROUP BY for which the condition, usually on an aggregate, is true;
            WHERE filters rows before they are grouped, HAVING the groups after.
            """, example: "select categorie, avg(inwilligingen) as gemiddeld from regulier group by categorie having avg(inwilligingen) > 90%"),
        SQLWord(topics: ["order by", "order", "asc", "desc"], text: """
            ORDER BY key [ASC | DESC], …: sorts the result by names, aliases, positions or expressions; ASC (the
            default) is from small to large, DESC the other way; NULL comes last.
            """, example: "select categorie, aanvragen from regulier where year = 2021 order by aanvragen desc"),
        SQLWord(topics: ["limit", "offset"], text: """
            LIMIT n: at most n rows; OFFSET m skips the first m. With ORDER BY, a top n.
            """, example: "select categorie, aanvragen from regulier where year = 2021 order by aanvragen desc limit 2 offset 1"),
        SQLWord(topics: ["union", "union all", "intersect", "except"], text: """
            a UNION b: the rows of both, each once (UNION ALL keeps duplicates); a INTERSECT b: the rows in both;
            a EXCEPT b: the rows of a that are not in b. The selects need the same number of columns.
            """, example: "select year from studenten except select year from brexit"),
        SQLWord(topics: ["summarize"], text: """
            SUMMARIZE name, SUMMARIZE 'file.csv' or SUMMARIZE SELECT …: one row per column, as DuckDB's SUMMARIZE:
            its type, min and max (as text), the exact number of distinct values, the average of a number column (of
            percentages, a percentage), the number of rows and the share of them that is NULL.
            """, example: "summarize studenten"),
        SQLWord(topics: ["over", "partition by", "partition", "qualify"], text: """
            f(…) OVER (PARTITION BY … ORDER BY …): a window function, computed per row over the rows of its
            partition up to that row; QUALIFY filters on it afterwards (help functions lists lag, rank, …).
            """, example: "select year, aanvragen, aanvragen - lag(aanvragen) over (order by year) as groei from studenten"),
    ]

    /// sqlWord finds the SQL word a topic names.
    static func sqlWord(_ topic: String) -> SQLWord? {
        let t = topic.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
        return sqlWords.first { $0.topics.contains(t) }
    }

    /// sqlWordTopics are every spelling of an SQL word, for Tab after `help`.
    static var sqlWordTopics: [String] { sqlWords.flatMap(\.topics) }

    /// explain writes the help on an SQL word: its text, its example and the example's result, computed now.
    static func explain(_ word: SQLWord) -> String {
        var result = ""
        var session = Session(format: .table, write: { result += $0 }, writeError: { result += $0 })
        session.terminalWidth = { 120 }
        session.run(SourceText(word.example))
        let indented = result.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }
        return word.text + "\n\n  e.g. " + word.example + ";\n" + indented.joined(separator: "\n")
    }

    /// alsoATerm adds the glossary's entry for a word that is a term of the reports too, after its SQL meaning.
    static func alsoATerm(_ topic: String, after text: String) -> String {
        let k = Glossary.key(topic)
        guard let entry = Glossary.builtin.entries.first(where: { e in
            Glossary.key(e.term) == k || e.englishForms.contains { Glossary.key($0) == k }
        }) else { return text }
        return text + "\n'\(topic)' is also a term of the reports:\n" + Glossary.explain(entry)
    }
}
