// The date functions, as DuckDB's for a DATE: the parts of a date (year, month, …, date_part and extract), date_trunc,
// date_diff, last_day, make_date and the English names of months and days. A part is named as DuckDB names it,
// aliases included ('y', 'mon', 'dow'). date_trunc gives a DATE, where DuckDB gives a TIMESTAMP at midnight, as indq
// has no timestamps (differences.sql).

/// DatePart is a part of a date that date_part, extract, date_trunc and date_diff name.
enum DatePart: String, CaseIterable, Sendable {
    case year, quarter, month, day, week, dayofweek, isodow, dayofyear, isoyear, yearweek, decade, century, millennium

    /// aliases are DuckDB's other names of each part.
    static let aliases: [String: DatePart] = {
        var table: [String: DatePart] = [:]
        for p in allCases { table[p.rawValue] = p }
        let more: [DatePart: [String]] = [
            .year: ["y", "yr", "yrs", "years"], .quarter: ["quarters"], .month: ["mon", "mons", "months"],
            .day: ["d", "days", "dayofmonth"], .week: ["w", "weeks", "weekofyear"], .dayofweek: ["dow", "weekday"],
            .dayofyear: ["doy"], .decade: ["dec", "decs", "decades"], .century: ["c", "cent", "centuries"],
            .millennium: ["mil", "mils", "millenia", "millenium", "millenniums"],
        ]
        for (p, names) in more { for n in names { table[n] = p } }
        return table
    }()

    static func named(_ name: String) -> DatePart? { aliases[name.lowercased()] }

    /// of is the part's number for a date, as DuckDB's date_part gives it.
    func of(_ d: DateValue) -> Int64 {
        let (y, m, day) = d.components
        switch self {
        case .year: return Int64(y)
        case .quarter: return Int64((m - 1) / 3 + 1)
        case .month: return Int64(m)
        case .day: return Int64(day)
        case .week: return Int64(d.isoWeek.week)
        case .dayofweek: return Int64(d.dayOfWeek)
        case .isodow: return Int64(d.isoDayOfWeek)
        case .dayofyear: return Int64(d.dayOfYear)
        case .isoyear: return Int64(d.isoWeek.year)
        case .yearweek:
            let (isoYear, week) = d.isoWeek
            return Int64(isoYear * 100 + week)
        case .decade: return Int64(y / 10)
        // The first century and millennium start in year 1.
        case .century: return Int64((y - 1) / 100 + 1)
        case .millennium: return Int64((y - 1) / 1000 + 1)
        }
    }

    /// truncate is the first day of the part's period that holds the date: the Monday of its ISO week, the first of
    /// its month; decade, century and millennium start at a year that is a multiple of 10, 100 or 1000, as in
    /// DuckDB. nil when that day is before 0001-01-01, or the part has no period (dayofweek).
    func truncate(_ d: DateValue) -> DateValue? {
        let (y, m, _) = d.components
        switch self {
        case .year: return DateValue(year: y, month: 1, day: 1)
        case .quarter: return DateValue(year: y, month: (m - 1) / 3 * 3 + 1, day: 1)
        case .month: return DateValue(year: y, month: m, day: 1)
        case .day: return d
        case .week: return d.adding(days: -Int64(d.isoDayOfWeek - 1))
        case .decade: return DateValue(year: y / 10 * 10, month: 1, day: 1)
        case .century: return DateValue(year: y / 100 * 100, month: 1, day: 1)
        case .millennium: return DateValue(year: y / 1000 * 1000, month: 1, day: 1)
        default: return nil
        }
    }

    /// truncatable are the parts date_trunc takes, for its message.
    static let truncatable: [DatePart] = [.year, .quarter, .month, .week, .day, .decade, .century, .millennium]
    /// countable are the parts date_diff counts.
    static let countable: [DatePart] = [.year, .quarter, .month, .week, .day, .decade, .century, .millennium]

    /// difference counts the part's boundaries from a to b, as DuckDB's date_diff: months as calendar months
    /// crossed, weeks as whole seven days.
    func difference(_ a: DateValue, _ b: DateValue) -> Int64? {
        let (ya, ma, _) = a.components, (yb, mb, _) = b.components
        switch self {
        case .year: return Int64(yb - ya)
        case .quarter: return Int64((yb * 4 + (mb - 1) / 3) - (ya * 4 + (ma - 1) / 3))
        case .month: return Int64((yb * 12 + mb) - (ya * 12 + ma))
        case .day: return Int64(b.days) - Int64(a.days)
        case .week: return (Int64(b.days) - Int64(a.days)) / 7
        case .decade: return Int64(yb / 10 - ya / 10)
        case .century: return Int64(yb / 100 - ya / 100)
        case .millennium: return Int64(yb / 1000 - ya / 1000)
        default: return nil
        }
    }
}

extension FunctionRegistry {
    static let dateFunctions: [FunctionEntry] = [
        partFunction("year", summary: "the year of a date", "select year(date '2022-03-31')", "2022"),
        partFunction("quarter", summary: "the quarter of a date, 1 to 4", "select quarter(date '2022-03-31')", "1"),
        partFunction("month", summary: "the month of a date, 1 to 12", "select month(date '2022-03-31')", "3"),
        partFunction("day", aliases: ["dayofmonth"], summary: "the day of the month, 1 to 31",
                     "select day(date '2022-03-31')", "31"),
        partFunction("week", aliases: ["weekofyear"], summary: "the ISO week, 1 to 53: weeks start on Monday, and week 1 holds the year's first Thursday",
                     "select week(date '2022-03-31'), week(date '2021-01-03')", "13 | 53"),
        partFunction("dayofweek", aliases: ["weekday"], summary: "the day of the week, 0 for Sunday to 6 for Saturday",
                     "select dayofweek(date '2022-03-31')", "4"),
        partFunction("isodow", summary: "the ISO day of the week, 1 for Monday to 7 for Sunday",
                     "select isodow(date '2022-04-03')", "7"),
        partFunction("dayofyear", summary: "the day of the year, 1 to 366", "select dayofyear(date '2022-03-31')", "90"),
        partFunction("isoyear", summary: "the year of the date's ISO week", "select isoyear(date '2021-01-03')", "2020"),
        partFunction("yearweek", summary: "the ISO year and week as one number", "select yearweek(date '2022-03-31')", "202213"),
        FunctionEntry("date_part", aliases: ["datepart"], kind: .scalar, arity: 2...2,
                      signature: "date_part(part, d), also datepart and extract(part from d)",
                      summary: "a part of a date as a number: year, quarter, month, day, week, dayofweek (dow), isodow, dayofyear (doy), isoyear, yearweek, decade, century, millennium",
                      example: .init(sql: "select date_part('month', date '2022-03-31'), extract(year from date '2022-03-31')", result: "3 | 2022"),
                      typing: { c in
                          try partArgument(c, allowed: DatePart.allCases)
                          try dateArgument(c, 1)
                          return CallType(.integer)
                      }, implementation: .scalar { args, range in
                          guard case .text(let name) = args[0], case .date(let d) = args[1] else { return .null }
                          return .integer(try part(name, allowed: DatePart.allCases, "date_part", at: range).of(d))
                      }),
        FunctionEntry("date_trunc", aliases: ["datetrunc"], kind: .scalar, arity: 2...2, signature: "date_trunc(part, d)",
                      summary: "the first day of the year, quarter, month, ISO week (a Monday), day, decade, century or millennium that holds d; a date, where DuckDB gives a timestamp",
                      example: .init(sql: "select date_trunc('month', date '2022-03-31'), date_trunc('quarter', date '2022-05-15')::varchar",
                                     result: "2022-03-01 | 2022-04-01", duckDB: false),
                      typing: { c in
                          try partArgument(c, allowed: DatePart.truncatable)
                          try dateArgument(c, 1)
                          return CallType(.date)
                      }, implementation: .scalar { args, range in
                          guard case .text(let name) = args[0], case .date(let d) = args[1] else { return .null }
                          guard let r = try part(name, allowed: DatePart.truncatable, "date_trunc", at: range).truncate(d) else {
                              throw Diagnostic("date out of range in date_trunc (\(DateValue.rangeText))", at: range)
                          }
                          return .date(r)
                      }),
        FunctionEntry("date_diff", aliases: ["datediff"], kind: .scalar, arity: 3...3, signature: "date_diff(part, start, end), also datediff",
                      summary: "how many part boundaries lie from start to end: calendar years, quarters or months crossed, whole weeks, days",
                      example: .init(sql: "select date_diff('month', date '2022-01-31', date '2022-02-01'), date_diff('day', date '2022-01-01', date '2022-03-31')",
                                     result: "1 | 89"),
                      typing: { c in
                          try partArgument(c, allowed: DatePart.countable)
                          try dateArgument(c, 1)
                          try dateArgument(c, 2)
                          return CallType(.integer)
                      }, implementation: .scalar { args, range in
                          guard case .text(let name) = args[0], case .date(let a) = args[1], case .date(let b) = args[2] else { return .null }
                          return try part(name, allowed: DatePart.countable, "date_diff", at: range).difference(a, b).map(Value.integer) ?? .null
                      }),
        FunctionEntry("last_day", kind: .scalar, arity: 1...1, signature: "last_day(d)", summary: "the last day of the date's month",
                      example: .init(sql: "select last_day(date '2024-02-10')", result: "2024-02-29"),
                      typing: { c in
                          try dateArgument(c, 0)
                          return CallType(.date)
                      }, implementation: .scalar { args, _ in
                          guard case .date(let d) = args[0] else { return .null }
                          let (y, m, _) = d.components
                          return DateValue(year: y, month: m, day: DateValue.daysIn(month: m, year: y)).map(Value.date) ?? .null
                      }),
        FunctionEntry("make_date", kind: .scalar, arity: 3...3, signature: "make_date(year, month, day)",
                      summary: "the date of a year, month and day; a day the month does not have is an error",
                      example: .init(sql: "select make_date(2024, 2, 29)", result: "2024-02-29"),
                      typing: { c in
                          for (i, a) in c.arguments.enumerated() where a.type != .integer && a.type != .null {
                              throw Diagnostic("make_date's argument \(i + 1) must be a whole number, found \(a.type.rawValue)", at: a.range)
                          }
                          return CallType(.date)
                      }, implementation: .scalar { args, range in
                          guard case .integer(let y) = args[0], case .integer(let m) = args[1], case .integer(let d) = args[2] else { return .null }
                          let text = "\(y)-\(m)-\(d)"
                          guard let r = DateValue(year: Int(y), month: Int(m), day: Int(d)) else {
                              let fields = y >= 0 && y <= 9999 && m >= 0 && m <= 99 && d >= 0 && d <= 99
                              throw Diagnostic(fields ? DateValue.parseError(text[...]) : "'\(text)' is out of range (\(DateValue.rangeText))", at: range)
                          }
                          return .date(r)
                      }),
        FunctionEntry("monthname", kind: .scalar, arity: 1...1, signature: "monthname(d)", summary: "the month's name in English, as DuckDB gives it",
                      example: .init(sql: "select monthname(date '2022-03-31')", result: "March"),
                      typing: { c in
                          try dateArgument(c, 0)
                          return CallType(.text)
                      }, implementation: .scalar { args, _ in
                          guard case .date(let d) = args[0] else { return .null }
                          return .text(DateValue.monthNames[d.month - 1])
                      }),
        FunctionEntry("dayname", kind: .scalar, arity: 1...1, signature: "dayname(d)", summary: "the day's name in English, as DuckDB gives it",
                      example: .init(sql: "select dayname(date '2022-03-31')", result: "Thursday"),
                      typing: { c in
                          try dateArgument(c, 0)
                          return CallType(.text)
                      }, implementation: .scalar { args, _ in
                          guard case .date(let d) = args[0] else { return .null }
                          return .text(dayNames[d.dayOfWeek])
                      }),
    ]
}

private let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

/// partFunction is a function of one date that gives one of its parts, year(d) as date_part('year', d).
private func partFunction(_ name: String, aliases: [String] = [], summary: String, _ sql: String, _ result: String) -> FunctionEntry {
    let p = DatePart(rawValue: name)!
    return FunctionEntry(name, aliases: aliases, kind: .scalar, arity: 1...1,
                         signature: "\(name)(d)" + (aliases.isEmpty ? "" : ", also " + aliases.joined(separator: ", ")),
                         summary: summary, example: .init(sql: sql, result: result),
                         typing: { c in
                             try dateArgument(c, 0)
                             return CallType(.integer)
                         }, implementation: .scalar { args, _ in
                             guard case .date(let d) = args[0] else { return .null }
                             return .integer(p.of(d))
                         })
}

/// dateArgument refuses an argument that is not a date; a text constant reads as one, as DuckDB casts a string
/// literal, but other text needs a cast.
private func dateArgument(_ c: CallTyping, _ i: Int) throws {
    let a = c[i]
    guard a.type == .date || a.type == .null else {
        throw Diagnostic("\(c.name) takes a date, found \(a.type.rawValue); write date '2022-03-31' or cast(… as date)", at: a.range)
    }
}

/// partArgument checks that a part is text, and a known part when it is a constant.
private func partArgument(_ c: CallTyping, allowed: [DatePart]) throws {
    let a = c[0]
    guard a.type == .text || a.type == .null else {
        throw Diagnostic("\(c.name)'s first argument is a part such as 'year' or 'month', found \(a.type.rawValue)", at: a.range)
    }
    if case .text(let name)? = a.constant { _ = try part(name, allowed: allowed, c.name, at: a.range) }
}

/// part finds a part by its name, or says which parts the function takes.
private func part(_ name: String, allowed: [DatePart], _ function: String, at range: SourceRange) throws -> DatePart {
    guard let p = DatePart.named(name), allowed.contains(p) else {
        throw Diagnostic("\(function) takes one of the parts \(allowed.map { "'\($0.rawValue)'" }.joined(separator: ", ")); found '\(name)'", at: range)
    }
    return p
}
