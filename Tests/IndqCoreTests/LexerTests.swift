// Table-driven lexer tests: each row is an input and the tokens, or the error, it must give.

import Testing
@testable import IndqCore

/// kinds renders tokens compactly: `kw:select id:year int:2021 sym:; eof`.
func tokenSummary(_ source: String) -> String {
    switch Lexer.tokenize(SourceText(source)) {
    case .failure(let d): return "error: \(d.message) @\(d.range.start)"
    case .success(let tokens):
        return tokens.map { t -> String in
            switch t.kind {
            case .keyword(let k): return "kw:\(k.rawValue)"
            case .identifier: return "id:\(t.text)"
            case .quotedIdentifier: return "qid:\(t.text)"
            case .integer: return "int:\(t.text)"
            case .decimal: return "dec:\(t.text)"
            case .percentage: return "pct:\(t.text)"
            case .string: return "str:\(t.text)"
            case .symbol(let s): return "sym:\(s.rawValue)"
            case .endOfInput: return "eof"
            }
        }.joined(separator: " ")
    }
}

struct LexerTests {
    static let rows: [(String, String)] = [
        ("select year from studenten;", "kw:select id:year kw:from id:studenten sym:; eof"),
        ("SELECT Year FROM Studenten", "kw:select id:Year kw:from id:Studenten eof"),
        ("95% 82.5% 3.5 .5 1e3 42", "pct:95% pct:82.5% dec:3.5 dec:.5 dec:1e3 int:42 eof"),
        ("'it''s' \"a \"\"b\"\"\"", "str:it's qid:a \"b\" eof"),
        ("a<=b<>c!=d>=e//f||g", "id:a sym:<= id:b sym:<> id:c sym:!= id:d sym:>= id:e sym:// id:f sym:|| id:g eof"),
        ("-- comment\nselect /* block */ 1", "kw:select int:1 eof"),
        ("x--y", "id:x eof"),
        ("categorië", "id:categorië eof"),
        ("1 e", "int:1 id:e eof"),
        ("", "eof"),
        // Errors: each names what was expected and where.
        ("'open", "error: unterminated string literal: expected a closing ', found end of input @0"),
        ("\"open", "error: unterminated quoted name: expected a closing \", found end of input @0"),
        ("/* open", "error: unterminated comment: expected '*/', found end of input @0"),
        ("select @", "error: unexpected character '@'; expected a name, a number, a string or an operator @7"),
        ("select 12abc", "error: expected an operator or white space after number 12, found 'abc' @7"),
        ("\u{1}", "error: unexpected character byte 0x1; expected a name, a number, a string or an operator @0"),
        ("\"\"", "error: expected a name between the double quotes, found \"\" @0"),
    ]

    @Test(arguments: rows)
    func lexes(_ row: (String, String)) {
        #expect(tokenSummary(row.0) == row.1, "input: \(row.0)")
    }

    @Test func keywordsAreOneTable() {
        for k in Keyword.allCases {
            #expect(tokenSummary(k.rawValue.uppercased()) == "kw:\(k.rawValue) eof")
        }
    }

    @Test func invalidUTF8IsFoundWithItsOffset() {
        let bytes: [UInt8] = [0x73, 0xFF, 0x80, 0xC3]
        #expect(firstInvalidUTF8(bytes) == 1)
        #expect(firstInvalidUTF8(Array("café".utf8)) == nil)
        #expect(firstInvalidUTF8([0xE2, 0x82]) == 0)
        #expect(firstInvalidUTF8([0xED, 0xA0, 0x80]) == 1)
    }
}
