// Checking a learner's answer by its result, not its text: the same rows as the model answer is right, whatever the
// column names, and in any order unless the exercise asks for one. A wrong answer is told its first useful
// difference: the wrong number of columns, a wrong value in a named column, a missing row or an extra row.

/// AnswerCheck compares a learner's result with the model answer's.
public enum AnswerCheck {
    /// Verdict is right (with a remark, such as columns in another order) or wrong, with what differs.
    public enum Verdict: Equatable, Sendable {
        case right(remark: String?)
        case wrong(String)

        public var isRight: Bool { if case .right = self { true } else { false } }
    }

    /// Cell is a value as an answer is compared: 5, 5.0 and 5.00 are one number; a percentage, percentage points
    /// and a plain number are three different things, as they are for the figures.
    enum Cell: Hashable {
        case null, number(DecimalValue), percentage(DecimalValue), points(DecimalValue), other(String)

        init(_ value: Value) {
            switch value {
            case .null: self = .null
            case .integer(let i): self = .number(DecimalValue(i))
            case .decimal(let d): self = .number(d)
            case .double(let d): self = DecimalValue(approximating: d).map { .number($0) } ?? .other(value.display ?? "")
            case .percentage(let d): self = .percentage(d)
            case .points(let d): self = .points(d)
            default: self = .other("\(value.type.rawValue):\(value.display ?? "")")
            }
        }
    }

    /// compare checks `answer` against `expected`; with `ordered`, the rows must also come in the expected order.
    public static func compare(_ answer: ResultSet, expected: ResultSet, ordered: Bool) -> Verdict {
        let mine = answer.rows.map { $0.map(Cell.init) }
        let theirs = expected.rows.map { $0.map(Cell.init) }
        guard answer.columns.count == expected.columns.count else {
            return .wrong(columnCountDifference(answer, expected, mine: mine, theirs: theirs))
        }
        // The columns as written, else in another order if that makes every column match.
        let order = columnOrder(mine: mine, theirs: theirs, count: expected.columns.count)
        let mapping = order ?? Array(0..<expected.columns.count)
        let mapped = mine.map { row in mapping.map { row[$0] } }
        if counts(mapped) == counts(theirs) {
            if ordered, let i = mapped.indices.first(where: { mapped[$0] != theirs[$0] }) {
                return .wrong("The rows are right, but not in the order the exercise asks for: row \(i + 1) should be "
                              + "\(describe(expected.rows[i])), and yours is \(describe(mapping.map { answer.rows[i][$0] })).")
            }
            let moved = mapping != Array(0..<mapping.count)
            return .right(remark: moved ? "Your columns are in another order than the model answer's, which is fine." : nil)
        }
        return .wrong(rowDifference(answer, expected, mapping: mapping, mine: mapped, theirs: theirs))
    }

    /// columnCountDifference says how many columns there should be, and which of the answer's are missing.
    static func columnCountDifference(_ answer: ResultSet, _ expected: ResultSet, mine: [[Cell]], theirs: [[Cell]]) -> String {
        let names = expected.columns.map(\.name)
        var text = "Your result has \(count(answer.columns.count, "column")); the answer has \(names.count): \(list(names))."
        if mine.count == theirs.count {
            let myColumns = (0..<answer.columns.count).map { j in counts(mine.map { [$0[j]] }) }
            let missing = (0..<names.count).filter { j in !myColumns.contains(counts(theirs.map { [$0[j]] })) }
            if !missing.isEmpty, missing.count < names.count {
                text += " Nothing in yours matches \(missing.count == 1 ? "the column" : "the columns") \(list(missing.map { names[$0] }))."
            }
        }
        return text
    }

    /// columnOrder finds, for each expected column, the learner's column with the same values, when the columns as
    /// written do not all match; nil when no order makes every column match.
    static func columnOrder(mine: [[Cell]], theirs: [[Cell]], count: Int) -> [Int]? {
        guard count <= 12, mine.count == theirs.count else { return nil }
        let myColumns = (0..<count).map { j in counts(mine.map { [$0[j]] }) }
        let theirColumns = (0..<count).map { j in counts(theirs.map { [$0[j]] }) }
        if myColumns == theirColumns { return nil }
        var used = Array(repeating: false, count: count)
        var chosen: [Int] = []
        // Columns with equal values could be tried in every order; a budget keeps that from taking long.
        var budget = 1000
        func assign(_ j: Int) -> Bool {
            if j == count {
                budget -= 1
                return counts(mine.map { row in chosen.map { row[$0] } }) == counts(theirs)
            }
            guard budget > 0 else { return false }
            for k in 0..<count where !used[k] && myColumns[k] == theirColumns[j] {
                used[k] = true
                chosen.append(k)
                if assign(j + 1) { return true }
                used[k] = false
                chosen.removeLast()
            }
            return false
        }
        return assign(0) ? chosen : nil
    }

    /// rowDifference names the first useful difference of two results with the same columns.
    static func rowDifference(_ answer: ResultSet, _ expected: ResultSet, mapping: [Int], mine: [[Cell]], theirs: [[Cell]]) -> String {
        var left = counts(mine)
        var missing: [Int] = []
        for (i, row) in theirs.enumerated() {
            if let n = left[row], n > 0 { left[row] = n - 1 } else { missing.append(i) }
        }
        var needed = counts(theirs)
        var extra: [Int] = []
        for (i, row) in mine.enumerated() {
            if let n = needed[row], n > 0 { needed[row] = n - 1 } else { extra.append(i) }
        }
        let sizes = answer.rows.count == expected.rows.count ? ""
            : "Your result has \(count(answer.rows.count, "row")); the answer has \(expected.rows.count). "
        // A row that differs from a missing one in a single column: a wrong value, the most useful thing to say.
        for i in missing {
            for k in extra {
                let differing = (0..<theirs[i].count).filter { theirs[i][$0] != mine[k][$0] }
                guard differing.count == 1, let j = differing.first else { continue }
                let mineValue = answer.rows[k][mapping[j]], theirValue = expected.rows[i][j]
                let name = answer.columns[mapping[j]].name, theirName = expected.columns[j].name
                let named = "\"\(name)\"" + (name.lowercased() == theirName.lowercased() ? "" : " (the answer's \(theirName))")
                let row = theirs[i].count > 1 ? " of the row \(describe(expected.rows[i], except: j))" : ""
                var text = sizes + "Wrong value in column \(named)\(row): "
                    + "yours is \(display(mineValue)), the answer's is \(display(theirValue))."
                if let kind = kindHint(mine: mineValue, theirs: theirValue) { text += " " + kind }
                return text
            }
        }
        if let i = missing.first {
            return sizes + (theirs.count == 1 ? "The answer's row is missing: " : "A row is missing: ") + describe(expected.rows[i]) + "."
        }
        if let k = extra.first {
            return sizes + "This row should not be there: " + describe(mapping.map { answer.rows[k][$0] }) + "."
        }
        return sizes + "Your rows differ from the answer's."
    }

    /// kindHint explains a value of the right size but the wrong kind: a fraction where a percentage is asked, points.
    static func kindHint(mine: Value, theirs: Value) -> String? {
        switch (mine, theirs) {
        case (.percentage(let a), .points(let b)) where a == b:
            return "Yours is a percentage; the answer is a difference of percentages, in percentage points (pp)."
        case (.points(let a), .percentage(let b)) where a == b:
            return "Yours is in percentage points (pp); the answer is a share: cast(… as percentage) or ::percentage makes it one."
        case (_, .percentage(let b)) where mine.asDecimal == b || mine.asDouble == b.double:
            return "Yours is a plain number; the answer is a percentage: cast(… as percentage) or ::percentage makes it one."
        case (.percentage(let a), _) where theirs.asDecimal == a || theirs.asDouble == a.double:
            return "Yours is a percentage; the answer is a plain number."
        case (.percentage(let a), _) where timesHundred(a).map { theirs.asDecimal == $0 || theirs.asDouble == $0.double } == true:
            return "Yours is a percentage; the answer is the same share as a plain number of percent."
        case (_, .percentage(let b)) where timesHundred(b).map { mine.asDecimal == $0 || mine.asDouble == $0.double } == true:
            return "Yours is the number of percent; the answer is a percentage: cast(… / 100 as percentage) makes it one."
        default:
            return nil
        }
    }

    /// timesHundred is a fraction's number of percent: 0.708 is 70.8.
    static func timesHundred(_ d: DecimalValue) -> DecimalValue? { d * DecimalValue(100) }

    static func counts(_ rows: [[Cell]]) -> [[Cell]: Int] {
        rows.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    static func display(_ v: Value) -> String {
        if case .text(let s) = v { return "'\(s)'" }
        return v.display ?? "NULL"
    }

    /// describe writes a row as `start_ups | 2020 | 64%`, without the column at `except`.
    static func describe(_ row: [Value], except: Int? = nil) -> String {
        row.indices.filter { $0 != except }.map { row[$0].display ?? "NULL" }.joined(separator: " | ")
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// list joins names as `a, b and c`.
    static func list(_ names: [String]) -> String {
        names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}
