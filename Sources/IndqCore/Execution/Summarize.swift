// SUMMARIZE: one row per column of a query's rows, as DuckDB's SUMMARIZE gives, with the columns whose meaning is
// DuckDB's under DuckDB's names. The rows stream past the accumulators; only each column's distinct values are held.

/// Summarize computes the summary of a plan's rows.
enum Summarize {
    /// columns are the summary's columns. DuckDB's approx_unique is an estimate; distinct_count is exact, so it
    /// has a name of its own.
    static let columns = [
        ResultColumn("column_name", .text), ResultColumn("column_type", .text), ResultColumn("min", .text),
        ResultColumn("max", .text), ResultColumn("distinct_count", .integer), ResultColumn("avg", .number),
        ResultColumn("count", .integer), ResultColumn("null_percentage", .percentage),
    ]

    /// Column gathers one column's figures.
    struct Column {
        var min = ExtremeAccumulator(largest: false)
        var max = ExtremeAccumulator(largest: true)
        var average: AverageAccumulator?
        var distinct = Set<ValueKey>()
        var nulls: Int64 = 0
        /// kinds are the types of the values seen, which differ in a column of type number (kerncijfers.waarde).
        var kinds = Set<ValueType>()
    }

    /// averages tells the types whose mean `avg` gives: numbers, with percentages (and points) as percentages.
    static func averages(_ type: ValueType) -> Bool {
        switch type {
        case .integer, .decimal, .double, .percentage, .points, .number: return true
        case .text, .boolean, .date, .null: return false
        }
    }

    /// run reads the plan's rows and returns one row per column.
    static func run(_ plan: QueryPlan, at range: SourceRange) throws -> (result: ResultSet, notes: [Diagnostic]) {
        var stats = plan.columns.map { c in
            Column(average: averages(c.type)
                   ? AverageAccumulator(type: [.percentage, .points, .number].contains(c.type) ? c.type : .double, range: range) : nil)
        }
        var count: Int64 = 0
        var failure: Error?
        let notes = try Executor(plan).run { chunk in
            guard failure == nil else { return }
            do {
                for row in chunk.rows {
                    count += 1
                    for (i, value) in row.enumerated() {
                        if value.isNull {
                            stats[i].nulls += 1
                            continue
                        }
                        if plan.columns[i].type == .number { stats[i].kinds.insert(value.type) }
                        stats[i].min.add(value)
                        stats[i].max.add(value)
                        stats[i].average?.add(value)
                        // Each distinct value is held until the summary is done.
                        if stats[i].distinct.insert(ValueKey(value)).inserted { try Cancellation.charge(row: [value], overhead: 32) }
                    }
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        let rows: [[Value]] = try zip(plan.columns, stats).map { column, s in
            let share: Value = count == 0 ? .null
                : DecimalValue(units: (Int128(s.nulls) * 10_000_000 / Int128(count) + 5) / 10, scale: 6).map { .percentage($0.trimmed) } ?? .null
            return [.text(column.name), .text(column.type.rawValue), text(s.min.finish()), text(s.max.finish()),
                    .integer(Int64(s.distinct.count)), try s.average?.finish() ?? .null, .integer(count), share]
        }
        return (ResultSet(columns: columns, rows: rows), notes + mixedUnits(plan, stats, at: range))
    }

    /// mixedUnits notes a column of figures of several kinds or units, whose min, max and avg mix them, as the
    /// aggregates over kerncijfers.waarde are noted.
    static func mixedUnits(_ plan: QueryPlan, _ stats: [Column], at range: SourceRange) -> [Diagnostic] {
        let unit = plan.columns.firstIndex { $0.name.lowercased() == "eenheid" || $0.name.lowercased() == "unit" }
        return zip(plan.columns, stats).compactMap { column, s in
            guard column.type == .number, s.kinds.count > 1 || unit.map({ stats[$0].distinct.count > 1 }) == true else { return nil }
            return Diagnostic("the min, max and avg of \(column.name) compare and add figures of different kinds or units",
                              at: range, notes: ["summarize one unit: summarize select * from kerncijfers where eenheid = 'aantal'"],
                              severity: .note, code: .mixedUnits)
        }
    }

    /// text is a value as min and max show it, as CAST(… AS VARCHAR) writes it: 45%, 2022-03-31, 12345.
    static func text(_ v: Value) -> Value {
        v.isNull ? .null : .text(v.display ?? "")
    }
}
