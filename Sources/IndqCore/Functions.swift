// The functions of the language: scalar functions, aggregates and window functions, each with its arity and a
// help line with an example. The checker looks names up here; `help functions` prints the table.

/// FunctionKind says where a function computes: per row, over a group, or over a window of rows.
public enum FunctionKind: Sendable {
    case scalar, aggregate, window
}

/// FunctionInfo describes one function for the checker and for help.
public struct FunctionInfo: Sendable {
    public var name: String
    public var kind: FunctionKind
    public var minArgs: Int
    public var maxArgs: Int
    public var signature: String
    public var summary: String
    public var example: String
}

/// Functions is the table of every function indq knows.
public enum Functions {
    public static let all: [FunctionInfo] = [
        FunctionInfo(name: "round", kind: .scalar, minArgs: 1, maxArgs: 2, signature: "round(x[, n])",
                     summary: "rounds to n decimals (default 0), halves away from zero; a percentage rounds its percent figure: round(85.83%) is 86%",
                     example: "select year, round(aanvragen / 1000, 1) as duizendtallen from studenten"),
        FunctionInfo(name: "abs", kind: .scalar, minArgs: 1, maxArgs: 1, signature: "abs(x)",
                     summary: "the absolute value", example: "select year, abs(aanvragen - beslissingen) from studenten"),
        FunctionInfo(name: "coalesce", kind: .scalar, minArgs: 1, maxArgs: 100, signature: "coalesce(a, b, …)",
                     summary: "the first argument that is not null",
                     example: "select onderwerp, coalesce(kwalificatie, 'exact') from kerncijfers"),
        FunctionInfo(name: "nullif", kind: .scalar, minArgs: 2, maxArgs: 2, signature: "nullif(a, b)",
                     summary: "null when a equals b, else a", example: "select aanvragen / nullif(beslissingen, 0) from start_ups"),
        FunctionInfo(name: "upper", kind: .scalar, minArgs: 1, maxArgs: 1, signature: "upper(text)",
                     summary: "text in capitals", example: "select upper(nationaliteit) from nationaliteiten"),
        FunctionInfo(name: "lower", kind: .scalar, minArgs: 1, maxArgs: 1, signature: "lower(text)",
                     summary: "text in small letters", example: "select lower(post) from financien"),
        FunctionInfo(name: "length", kind: .scalar, minArgs: 1, maxArgs: 1, signature: "length(text)",
                     summary: "the number of characters", example: "select nationaliteit, length(nationaliteit) from nationaliteiten"),
        FunctionInfo(name: "count", kind: .aggregate, minArgs: 0, maxArgs: 1, signature: "count(*), count(x), count(DISTINCT x)",
                     summary: "the number of rows, of non-null values, or of distinct values",
                     example: "select count(*), count(distinct nationaliteit) from nationaliteiten"),
        FunctionInfo(name: "sum", kind: .aggregate, minArgs: 1, maxArgs: 1, signature: "sum(x)",
                     summary: "the total of the non-null values", example: "select year, sum(aanvragen) from regulier group by year"),
        FunctionInfo(name: "avg", kind: .aggregate, minArgs: 1, maxArgs: 1, signature: "avg(x)",
                     summary: "the mean of the non-null values; the mean of percentages is a percentage",
                     example: "select categorie, avg(inwilligingen) from regulier group by categorie"),
        FunctionInfo(name: "min", kind: .aggregate, minArgs: 1, maxArgs: 1, signature: "min(x)",
                     summary: "the smallest value", example: "select min(inwilligingen) from regulier"),
        FunctionInfo(name: "max", kind: .aggregate, minArgs: 1, maxArgs: 1, signature: "max(x)",
                     summary: "the largest value", example: "select max(aanvragen) filter (where year = 2020) from regulier"),
        FunctionInfo(name: "row_number", kind: .window, minArgs: 0, maxArgs: 0, signature: "row_number() OVER (…)",
                     summary: "the position of the row in its partition, from 1",
                     example: "select categorie, year, row_number() over (partition by categorie order by aanvragen desc) from regulier"),
        FunctionInfo(name: "rank", kind: .window, minArgs: 0, maxArgs: 0, signature: "rank() OVER (…)",
                     summary: "the rank in the partition; ties share a rank and leave a gap",
                     example: "select categorie, inwilligingen, rank() over (order by inwilligingen desc) from regulier where year = 2021"),
        FunctionInfo(name: "lag", kind: .window, minArgs: 1, maxArgs: 3, signature: "lag(x[, n[, default]]) OVER (…)",
                     summary: "x from n rows earlier in the partition (default 1), else the default or null",
                     example: "select categorie, year, aanvragen - lag(aanvragen) over (partition by categorie order by year) as groei from regulier"),
        FunctionInfo(name: "lead", kind: .window, minArgs: 1, maxArgs: 3, signature: "lead(x[, n[, default]]) OVER (…)",
                     summary: "x from n rows later in the partition (default 1), else the default or null",
                     example: "select year, aanvragen, lead(aanvragen) over (order by year) from studenten"),
        FunctionInfo(name: "first_value", kind: .window, minArgs: 1, maxArgs: 1, signature: "first_value(x) OVER (…)",
                     summary: "x from the first row of the partition",
                     example: "select year, aanvragen, first_value(aanvragen) over (order by year) as basis from studenten"),
    ]

    /// windowAggregates are the aggregates that also work as window functions: `sum(x) OVER (…)`.
    public static let windowAggregates: Set<String> = ["count", "sum", "avg", "min", "max"]

    /// lookup finds a function by name, ignoring case.
    public static func lookup(_ name: String) -> FunctionInfo? {
        let key = name.lowercased()
        return all.first { $0.name == key }
    }
}
