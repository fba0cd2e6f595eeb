// Checked scripts: a statement followed by an `-- expect:` comment block must print exactly that block. Lessons
// state their exercises' answers this way, the golden tests of Examples/ use it, and `indq --check` runs it.
//
//     select aanvragen from studenten where year = 2021;
//     -- expect:
//     -- ┌───────────┐
//     -- │ aanvragen │
//     -- …

/// ScriptCheck runs a script and compares each statement's output with its `-- expect:` block.
public enum ScriptCheck {
    /// Verdict is how one statement or dot-command fared.
    public enum Verdict: Sendable, Equatable {
        /// Its output equals its expect block.
        case passed
        /// Its output differs from its block, or it failed without one.
        case failed
        /// A statement that ran without an expect block: nothing was checked, so it is not a pass.
        case noExpectation
        /// A dot-command that ran without a block, such as `.format csv`: a setting, not a check.
        case ran
    }

    /// Outcome is one checked statement.
    public struct Outcome: Sendable {
        /// line is where the statement starts; range is the statement, or nil when it did not parse.
        public var line: Int
        public var range: SourceRange?
        public var statement: String
        public var expected: String?
        public var actual: String
        public var verdict: Verdict
        public var passed: Bool { verdict == .passed }
    }

    /// Report is the result of checking a whole script.
    public struct Report: Sendable {
        public var name: String
        public var outcomes: [Outcome]
        public var passed: Int { count(.passed) }
        public var failed: Int { count(.failed) }
        public var withoutExpectation: Int { count(.noExpectation) }
        func count(_ verdict: Verdict) -> Int { outcomes.filter { $0.verdict == verdict }.count }
    }

    /// run executes `source` in `session`, capturing each statement's output (results and errors, in order).
    /// A statement with an expect block passes when its output equals the block. One without a block has no
    /// expectation, unless it fails, which is a failure.
    public static func run(_ source: SourceText, session: inout Session) -> Report {
        let (write, writeError) = (session.write, session.writeError)
        defer { (session.write, session.writeError) = (write, writeError) }
        final class Buffer { var text = "" }
        let buffer = Buffer()
        session.write = { buffer.text += $0 }
        session.writeError = { buffer.text += $0 }
        var outcomes: [Outcome] = []
        session.run(source, stopOnError: false) { event in
            guard case .didRun(let statement, let at, let succeeded) = event else {
                buffer.text = ""
                return
            }
            let expected = statement.flatMap { expectBlock(after: $0.end, in: source) }
            let actual = normalized(buffer.text)
            let text = statement.map { String(decoding: source.bytes[$0.start..<$0.end], as: UTF8.self) } ?? ""
            let verdict: Verdict
            if let expected {
                verdict = normalized(expected) == actual ? .passed : .failed
            } else {
                verdict = !succeeded ? .failed : text.hasPrefix(".") ? .ran : .noExpectation
            }
            outcomes.append(Outcome(line: source.location(of: at.start).line, range: statement, statement: text,
                                    expected: expected, actual: actual, verdict: verdict))
        }
        return Report(name: source.name ?? "", outcomes: outcomes)
    }

    /// expectBlock reads the `-- expect:` comment block that starts on the line after `offset`, if any.
    static func expectBlock(after offset: Int, in source: SourceText) -> String? {
        var lines = source.text.utf8.count > offset
            ? String(decoding: source.bytes[offset...], as: UTF8.self).lineList.dropFirst()
            : []
        guard let first = lines.first, first.trimmingTrailingWhitespace == "-- expect:" else { return nil }
        lines = lines.dropFirst()
        var block: [Substring] = []
        for line in lines {
            guard line.hasPrefix("--") else { break }
            var content = line.dropFirst(2)
            if content.first == " " { content = content.dropFirst() }
            block.append(content)
        }
        return block.joined(separator: "\n")
    }

    /// normalized drops trailing white space on each line and at the end, which comments cannot keep reliably.
    static func normalized(_ text: String) -> String {
        var lines = text.lineList.map { String($0[...].trimmingTrailingWhitespace) }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// describe writes a report for people: each failing statement whole with a diff, each statement without an
    /// expectation, then `N passed, M failed` (and how many had no expectation).
    public static func describe(_ report: Report) -> String {
        var out = ""
        for o in report.outcomes where o.verdict == .failed || o.verdict == .noExpectation {
            out += "\(report.name):\(o.line): " + (o.verdict == .failed ? "FAILED" : "no expectation") + "\n"
            out += whole(o.statement)
            guard o.verdict == .failed else { continue }
            if let expected = o.expected {
                out += diff(expected: normalized(expected), actual: o.actual)
            } else {
                out += o.actual.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") + "\n"
            }
        }
        let checked = report.outcomes.filter { $0.expected != nil }
        out += "\(report.name): \(checked.filter(\.passed).count) of \(checked.count) expectations met\n"
        out += tally(passed: report.passed, failed: report.failed, withoutExpectation: report.withoutExpectation)
        return out
    }

    /// describeTotal closes the report of several scripts with their grand total.
    public static func describeTotal(_ reports: [Report]) -> String {
        "total of \(reports.count) files: " + tally(passed: reports.map(\.passed).reduce(0, +),
                                                    failed: reports.map(\.failed).reduce(0, +),
                                                    withoutExpectation: reports.map(\.withoutExpectation).reduce(0, +))
    }

    /// tally is `N passed, M failed`, with `, K with no expectation` when there are any.
    static func tally(passed: Int, failed: Int, withoutExpectation: Int) -> String {
        "\(passed) passed, \(failed) failed" + (withoutExpectation > 0 ? ", \(withoutExpectation) with no expectation" : "") + "\n"
    }

    /// whole shows a statement as written, every line of it, indented, with its ';'.
    static func whole(_ statement: String) -> String {
        guard !statement.isEmpty else { return "" }
        let ending = statement.hasPrefix(".") ? "" : ";"
        return (statement + ending).split(separator: "\n", omittingEmptySubsequences: false).map { "  | " + $0 }.joined(separator: "\n") + "\n"
    }

    /// diff shows expected lines missing from the output with `-` and unexpected output with `+`.
    static func diff(expected: String, actual: String) -> String {
        let a = expected.lineList
        let b = actual.lineList
        // Longest common subsequence, so that one wrong row shows as one pair of lines.
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out = "  --- expected\n  +++ actual\n"
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count && j < b.count && a[i] == b[j] {
                out += "    " + a[i] + "\n"; i += 1; j += 1
            } else if i < a.count && (j == b.count || lcs[i + 1][j] >= lcs[i][j + 1]) {
                out += "  - " + a[i] + "\n"; i += 1
            } else {
                out += "  + " + b[j] + "\n"; j += 1
            }
        }
        return out
    }

    /// withExpectations rewrites a script so that every statement's expect block holds its current output; it is
    /// how golden blocks are written in the first place (INDQ_UPDATE_GOLDEN=1), to be reviewed like any change.
    public static func withExpectations(_ source: SourceText, session: inout Session) -> String {
        let report = run(source, session: &session)
        // A statement that does not parse has no place to write a block after.
        let ranges = report.outcomes.compactMap(\.range)
        guard ranges.count == report.outcomes.count else { return source.text }
        var out = ""
        var cursor = 0
        for (range, outcome) in zip(ranges, report.outcomes) {
            // Copy up to the end of the statement's line, drop an old block, write the new one.
            var end = range.end
            while end < source.bytes.count && source.bytes[end] != 0x0A { end += 1 }
            out += String(decoding: source.bytes[cursor..<end], as: UTF8.self) + "\n"
            var next = min(end + 1, source.bytes.count)
            // Skip an old `-- expect:` line and the comment lines of its block.
            var lines = 0
            while next < source.bytes.count {
                var e = next
                while e < source.bytes.count && source.bytes[e] != 0x0A { e += 1 }
                let line = String(decoding: source.bytes[next..<e], as: UTF8.self)
                if lines == 0 ? line.trimmingTrailingWhitespace != "-- expect:" : !line.hasPrefix("--") { break }
                lines += 1
                next = min(e + 1, source.bytes.count)
            }
            out += "-- expect:\n" + outcome.actual.lineList
                .map { $0.isEmpty ? "--" : "-- " + $0 }.joined(separator: "\n") + "\n"
            cursor = next
        }
        out += String(decoding: source.bytes[min(cursor, source.bytes.count)...], as: UTF8.self)
        return out
    }
}

extension Substring {
    /// trimmingTrailingWhitespace drops spaces and line ends at the end.
    var trimmingTrailingWhitespace: Substring {
        var t = self
        while t.last?.isWhitespace == true { t.removeLast() }
        return t
    }
}
