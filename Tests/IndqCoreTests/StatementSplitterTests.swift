// Tests of StatementSplitter, which tells the prompt and the script reader where statements and dot-commands end, and
// of the diagnostic codes that tell the prompt whether a line is unfinished. The splitter must split SQL exactly as the
// parser splits a script, and it alone finds the dot-commands, which the SQL parser never sees.

import Foundation
import Testing
@testable import IndqCore

/// scannedPieces feeds `text` to a splitter one byte at a time, as if each byte were the last to have arrived, and
/// lists the statements it ends (trimmed), then the unfinished rest, if any, marked with a leading "…".
func scannedPieces(_ text: String) -> [String] {
    var splitter = StatementSplitter()
    let bytes = Array(text.utf8)
    var pieces: [String] = []
    var position = 0
    for count in 1...max(1, bytes.count) where count <= bytes.count {
        bytes[..<count].withUnsafeBufferPointer { p in
            scanning: while true {
                switch splitter.scan(p, position: &position, atEnd: false) {
                case .statement(let start, let end), .dotCommand(let start, let end):
                    pieces.append(String(decoding: bytes[start..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
                case .needMore, .finished:
                    break scanning
                }
            }
        }
    }
    if let start = splitter.statementStart {
        pieces.append("…" + String(decoding: bytes[start...], as: UTF8.self))
    } else if splitter.isInsideQuoteOrComment {
        pieces.append("… (open)")
    }
    return pieces
}

/// parsedPieces lists the text of each statement as the parser splits a script, for comparison. The parser knows no
/// dot-commands, so the lines that start with one are blanked out first (a dot-command's line is given as it is).
func parsedPieces(_ text: String) throws -> [String] {
    var bytes = Array(text.utf8)
    var dotCommands: [Int: String] = [:]
    for case .dotCommand(let range) in ScriptItems(SourceText(text)) {
        dotCommands[range.start] = String(decoding: bytes[range.start..<range.end], as: UTF8.self)
        var i = range.start
        while i < bytes.count && bytes[i] != 0x0A { bytes[i] = 0x20; i += 1 }
    }
    let source = SourceText(String(decoding: bytes, as: UTF8.self))
    var parser = try Parser(source)
    var pieces: [(Int, String)] = dotCommands.map { ($0.key, $0.value) }
    while let parsed = try parser.nextStatement() {
        pieces.append((parsed.range.start, String(decoding: source.bytes[parsed.range.start..<parsed.range.end], as: UTF8.self)))
    }
    return pieces.sorted { $0.0 < $1.0 }.map(\.1)
}

@Suite struct StatementSplitterTests {
    static let rows: [(String, [String])] = [
        ("select 1;", ["select 1;"]),
        ("select 1; select 2;", ["select 1;", "select 2;"]),
        ("select 1; select 2", ["select 1;", "…select 2"]),
        ("select year\nfrom studenten\nwhere year = 2021;\n", ["select year\nfrom studenten\nwhere year = 2021;"]),
        // A ';' inside a string, a quoted name or a comment ends nothing.
        ("select 'a;b', 'it''s;' as x;", ["select 'a;b', 'it''s;' as x;"]),
        ("select \"a;b\" from t;", ["select \"a;b\" from t;"]),
        ("select 1 -- no; end\n+ 1;", ["select 1 -- no; end\n+ 1;"]),
        ("select 1 /* ; ** ; */ + 1;", ["select 1 /* ; ** ; */ + 1;"]),
        ("select 'open;", ["…select 'open;"]),
        ("/* open ;", ["… (open)"]),
        // Comments and empty statements alone are no statement.
        ("-- only a comment\n", []),
        (";;", []),
        ("/* a */ ; -- b\n", []),
        // A comment before a statement belongs to nothing; the statement starts after it.
        ("-- note\nselect 1", ["…select 1"]),
        // '-' and '/' that start no comment are part of the statement.
        ("-1;", ["-1;"]),
        ("select 4 / 2 - 1;", ["select 4 / 2 - 1;"]),
        ("- 1", ["…- 1"]),
        // A dot-command runs to the end of its line, ';' or not; '.5' is a number, not a command.
        (".format csv\nselect 1;", [".format csv", "select 1;"]),
        (".read a.sql; select 1\n", [".read a.sql; select 1"]),
        ("select 1; .timer on\n", ["select 1;", ".timer on"]),
        (".5;", [".5;"]),
        ("select 1 .format csv\n;", ["select 1 .format csv\n;"]),
        (".quit", ["….quit"]),
        ("help tot en met;", ["help tot en met;"]),
    ]

    @Test(arguments: rows)
    func splits(_ row: (String, [String])) {
        #expect(scannedPieces(row.0) == row.1, "input: \(row.0.debugDescription)")
    }

    /// Every example script and lesson splits into the statements the parser reads from it, one piece each.
    @Test func splitsTheExamplesAsTheParserDoes() throws {
        let folders = ["Examples", "Examples/lessons"]
        var checked = 0
        for folder in folders {
            let directory = repositoryRoot.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".sql") {
                let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                let scanned = scannedPieces(text)
                let parsed = try parsedPieces(text)
                #expect(scanned.count == parsed.count, "\(folder)/\(name)")
                for (piece, statement) in zip(scanned, parsed) {
                    // A piece starts after the previous ';', so it may begin with comments; the parser's range leaves
                    // out the ';' (and a dot-command's trailing ';').
                    #expect(piece.hasSuffix(statement) || piece.hasSuffix(statement + ";"),
                            "\(folder)/\(name): \(piece.debugDescription) vs \(statement.debugDescription)")
                }
                checked += 1
            }
        }
        #expect(checked >= 10)
    }

    /// A dot-command is an item of its own kind, and what follows on its line is its argument, never SQL.
    @Test func dotCommandsAreTheirOwnItems() {
        let source = SourceText("select 1; .format csv \nselect 2;\n  .read a.sql;\n.5;\n/* open")
        let items = Array(ScriptItems(source)).map { item -> String in
            switch item {
            case .statement(let r): return "sql " + String(decoding: source.bytes[r.start..<r.end], as: UTF8.self)
            case .dotCommand(let r): return "dot " + String(decoding: source.bytes[r.start..<r.end], as: UTF8.self)
            }
        }
        #expect(items == ["sql select 1;", "dot .format csv", "sql select 2;", "dot .read a.sql", "sql .5;", "sql /* open"])
    }

    /// The script reader hands a dot-command over on its own, after the statements before it, also when they have all
    /// arrived together.
    @Test func theScriptReaderHandsOverDotCommandsOnTheirOwn() throws {
        var reader = ScriptReader(name: "t.sql", bytes: Array("select 1;\nselect 2;\n.timer on\nselect 3;\n".utf8))
        var seen: [String] = []
        while true {
            switch try reader.next() {
            case .statement(let text, let from, _):
                seen.append("sql " + String(decoding: text.bytes[from...], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            case .dotCommand(let text, let range):
                seen.append("dot " + String(decoding: text.bytes[range.start..<range.end], as: UTF8.self)
                            + " at \(text.location(of: range.start).line)")
            case .end:
                #expect(seen == ["sql select 1;\nselect 2;", "dot .timer on at 3", "sql select 3;"])
                return
            }
        }
    }

    /// The SQL grammar has no dot-commands: given one, the parser refuses it like any other stray character.
    @Test func theParserKnowsNoDotCommands() {
        #expect(throws: Diagnostic.self) { _ = try Parser.parseAll(SourceText(".format csv")) }
        #expect(throws: Diagnostic.self) { _ = try Parser.parseAll(SourceText("select 1;\n.timer on")) }
    }

    /// A long statement fed a line at a time costs time in proportion to its length, not its square.
    @Test func aLongStatementIsScannedOnce() {
        var splitter = StatementSplitter()
        var bytes = Array("select year from studenten where year in (\n".utf8)
        let line = Array("2019, -- a year; not the end\n".utf8)
        var position = 0
        var ended = 0
        func scan(atEnd: Bool = false) {
            bytes.withUnsafeBufferPointer { p in
                while case .statement = splitter.scan(p, position: &position, atEnd: atEnd) { ended += 1 }
            }
        }
        let started = ContinuousClock.now
        scan()
        bytes.reserveCapacity(200_000 * line.count + 100)
        for _ in 0..<200_000 {
            bytes += line
            scan()
        }
        bytes += Array("2021);\n".utf8)
        scan()
        let elapsed = ContinuousClock.now - started
        #expect(ended == 1)
        #expect(splitter.statementStart == nil)
        #expect(elapsed < .seconds(2), "scanning 200,000 lines took \(elapsed)")
    }
}

@Suite struct UnfinishedInputTests {
    /// A line at the prompt: complete (runs on Enter), incomplete (waits for more) or empty.
    static let rows: [(String, InputCompleteness)] = [
        ("select 1", .complete),
        ("select year from studenten", .complete),
        ("select year", .incomplete),  // its FROM is likely still to come
        ("select count(*) as n, sum(beslissingen) as beslissingen", .incomplete),
        ("select year,", .incomplete),
        ("select year from", .incomplete),
        ("select year from studenten where", .incomplete),
        ("select (1 +", .incomplete),
        ("select 'open", .incomplete),
        ("select \"open", .incomplete),
        ("select 1 /* open", .incomplete),
        ("select year from studenten -- note", .complete),
        // Errors that more input cannot mend run at once, to be shown.
        ("selct year", .complete),
        ("select year from nowhere", .complete),
        ("select 1 from studenten where )", .complete),
        ("help", .complete),
        ("show datasets", .complete),
        ("", .empty),
        ("  -- a comment", .empty),
    ]

    @Test(arguments: rows)
    func inputState(_ row: (String, InputCompleteness)) {
        let session = Session(write: { _ in }, writeError: { _ in })
        #expect(session.inputState(row.0) == row.1, "input: \(row.0.debugDescription)")
    }

    /// The parser and lexer code their errors, and the prompt decides from the code alone.
    static let codes: [(String, Diagnostic.Code)] = [
        ("select year,", .unexpectedEnd),
        ("select year from", .unexpectedEnd),
        ("select 'open", .unterminatedString),
        ("select \"open", .unterminatedQuotedName),
        ("/* open", .unterminatedComment),
        ("select year from studenten where )", .other),
        ("selct 1", .other),
        ("select " + String(repeating: "(", count: 250) + "1" + String(repeating: ")", count: 250), .nestingTooDeep),
        ("select " + String(repeating: "- ", count: 250) + "1", .nestingTooDeep),
    ]

    @Test(arguments: codes)
    func parseErrorsCarryACode(_ row: (String, Diagnostic.Code)) {
        do {
            _ = try Parser.parseAll(SourceText(row.0))
            Issue.record("\(row.0) parsed")
        } catch let d as Diagnostic {
            #expect(d.code == row.1, "input: \(row.0): \(d.message)")
        } catch {
            Issue.record("\(row.0): \(error)")
        }
    }

    @Test func aSelectWithoutFromCodesItsColumn() throws {
        let source = SourceText("select year")
        guard case .query(let q) = try Parser.parseAll(source).first else {
            Issue.record("not a query")
            return
        }
        var checker = Binder(catalogue: .builtin, source: source)
        #expect(Session.checkError(&checker, q)?.code == .columnWithoutFrom)
    }

    /// Rewording a message does not change what the prompt does.
    @Test func theWordsOfAMessageDoNotMatter() {
        let range = SourceRange(0, 0)
        #expect(Session.completeness(of: Diagnostic("unterminated, without FROM", at: range)) == .complete)
        #expect(Session.completeness(of: Diagnostic("anything at all", at: range, code: .unexpectedEnd)) == .incomplete)
        #expect(Session.completeness(of: Diagnostic("anything", at: range, code: .unterminatedComment)) == .incomplete)
    }
}

@Suite struct LessonsAtThePromptTests {
    /// Every multi-line statement of the examples and lessons, typed at the prompt line by line as printed, gives the
    /// script's statement: its first line alone must not be complete, or Enter would run it early.
    @Test func noMultiLineStatementRunsAfterItsFirstLine() throws {
        let session = Session(write: { _ in }, writeError: { _ in })
        var early: [String] = []
        var multiLine = 0
        for folder in ["Examples", "Examples/lessons"] {
            let directory = repositoryRoot.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".sql") {
                let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                let source = SourceText(text)
                for case .statement(let range) in ScriptItems(source) {
                    let statement = String(decoding: source.bytes[range.start..<range.end], as: UTF8.self)
                    guard let firstLine = statement.split(separator: "\n").first, statement.contains("\n") else { continue }
                    multiLine += 1
                    if session.inputState(String(firstLine)) == .complete { early.append("\(folder)/\(name): \(firstLine)") }
                }
            }
        }
        #expect(multiLine >= 10)
        #expect(early.isEmpty, "these would run after their first line when typed:\n\(early.joined(separator: "\n"))")
    }
}
