// libFuzzer entry point: each input is checked as bytes (firstInvalidUTF8 against the standard library), then runs
// through a Session as `indq --continue-on-error` would (lex, parse, check, evaluate, render), its last result is
// rendered in every output format, the REPL's completeness check reads it, and what parses must print back to
// canonical SQL that parses to itself. Output is thrown away. A crash, a trap, a sanitizer report or a timeout is a
// bug; error messages are expected and fine.
import IndqCore

/// FuzzTarget runs one input through the whole pipeline.
enum FuzzTarget {
    static func run(_ bytes: [UInt8]) {
        // The byte-level check the command line does before anything runs; it must agree with the standard library.
        let invalid = firstInvalidUTF8(bytes)
        let valid = String(validating: bytes, as: UTF8.self)
        if (invalid == nil) != (valid != nil) {
            fatalError("firstInvalidUTF8 says \(String(describing: invalid)) but the standard library disagrees")
        }
        if let invalid, invalid >= bytes.count { fatalError("firstInvalidUTF8 returned \(invalid) past the end") }
        // Invalid input still goes through the core, decoded with replacement characters, as a REPL line might.
        let text = valid ?? String(decoding: bytes, as: UTF8.self)
        let source = SourceText(text, name: "fuzz.sql")
        // One session runs everything, as `indq --continue-on-error` would, rendering tables: narrow ones with
        // colour for half the inputs, so that shrinking and escape codes are covered too.
        var session = Session(format: .table, write: { _ in }, writeError: { _ in })
        if bytes.count % 2 == 1 {
            session.terminalWidth = { 24 }
            session.color = true
            session.colorErrors = true
        }
        session.run(source, stopOnError: false)
        // Every other format renders the last result; evaluating once keeps the fuzzer fast.
        if let result = session.lastResult {
            for format in OutputFormat.allCases { _ = format.render(result) }
            _ = OutputFormat.table.render(result, options: RenderOptions(maxWidth: 1, color: true))
        }
        _ = Session(write: { _ in }, writeError: { _ in }).inputState(text)
        roundTrip(source)
    }

    /// roundTrip checks that the canonical SQL of what parses parses back to itself. Dot-commands are lines of the
    /// shell, not SQL: the script's splitter sets them aside, as it does for a run.
    static func roundTrip(_ source: SourceText) {
        var statements: [Statement] = []
        for case .statement(let range) in ScriptItems(source) {
            guard var parser = try? Parser(source, from: range.start, to: range.end),
                  let parsed = try? parser.nextStatement() else { return }
            statements.append(parsed.statement)
        }
        let printed = statements.map(\.sql).joined(separator: ";\n")
        do {
            let again = try Parser.parseAll(SourceText(printed)).map(\.sql).joined(separator: ";\n")
            if again != printed { fatalError("canonical SQL is not a fixed point:\n\(printed)\n---\n\(again)") }
        } catch let d as Diagnostic where d.code == .nestingTooDeep {
            // Printing may add parentheses, which count towards the nesting limit.
        } catch {
            fatalError("canonical SQL does not parse back: \(error)\n\(printed)")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    FuzzTarget.run(bytes)
    return 0
}
