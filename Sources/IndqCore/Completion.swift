// Completion candidates for the prompt, chosen by context: statement words at the start, dataset names and table
// functions after FROM, the columns of the dataset or file the statement names (even when FROM comes later on the line),
// function names, dot-commands and, after `.read` or inside `from '…`, file names; after `help`, its topics, SQL
// words, functions and the glossary's terms. The shell filters them by the word before the cursor.

/// Completion lists what may be typed next.
public enum Completion {
    /// statementWords start a statement.
    static let statementWords = ["select", "show", "describe", "source", "summarize", "help"]
    /// clauseWords may follow a complete expression.
    static let clauseWords = ["from", "where", "group", "having", "order", "limit", "offset", "union", "as", "and", "or",
                              "not", "in", "is", "between", "like", "ilike", "asc", "desc", "over", "filter", "then", "else",
                              "end", "when"]
    /// expressionWords may start an expression.
    static let expressionWords = ["case", "cast", "not", "null", "true", "false", "distinct"]

    /// candidates returns the words that fit where the cursor is. `before` is the pending input up to the cursor,
    /// `after` the rest of the line; `files` lists file paths that start with a given text, for `.read`.
    public static func candidates(before: String, after: String, catalogue: Catalogue,
                                  files: (String) -> [String] = { _ in [] }) -> [String] {
        let statement = String(before.split(separator: ";", omittingEmptySubsequences: false).last ?? "")
        let word = String(statement.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
        let head = statement.drop { $0.isWhitespace }
        if head.hasPrefix(".") { return dotCommand(String(head.dropFirst()), word: word, catalogue: catalogue, files: files) }

        if let path = openFilePath(in: statement) {
            // As for .read: the shell replaces only the word before the cursor, so offer each path from that word on.
            let cut = path.count - word.count
            return files(path).map { String($0.dropFirst(cut)) }
        }
        let whole = statement + after.prefix { $0 != ";" }
        let tokens = significantTokens(String(statement.dropLast(word.utf8.count)))
        let datasets = catalogue.allNames
        guard let last = tokens.last else { return statementWords }
        let first = tokens.first!.text.lowercased()
        if tokens.count == 1 && first == "show" { return ["datasets", "tables"] }
        if tokens.count == 1 && (first == "describe" || first == "source" || first == "summarize") { return datasets }
        if first == "help" {
            // A topic may have several words (tot en met, group by): offer each topic that extends the text after
            // help, from the word before the cursor on, since the shell replaces only that word.
            let typed = String(statement.drop { $0.isWhitespace }.dropFirst(4).drop { $0.isWhitespace }).lowercased()
            let cut = typed.count - word.count
            var seen = Set<String>()
            return Help.completions(catalogue: catalogue).filter { $0.lowercased().hasPrefix(typed) && seen.insert($0).inserted }
                .map { String($0.dropFirst(cut)) }
        }
        switch last.kind {
        case .keyword(.from): return datasets + TableFunctions.names
        case .keyword(.order), .keyword(.group), .keyword(.partition): return ["by"]
        case .identifier, .quotedIdentifier, .integer, .decimal, .percentage, .string, .symbol(.rightParen),
             .keyword(.null), .keyword(.true), .keyword(.false), .keyword(.asc), .keyword(.desc), .keyword(.end):
            return clauseWords
        default:
            var columns: [String]
            if let d = datasetNamed(in: whole, catalogue: catalogue) {
                columns = d.columnNames
            } else {
                var seen = Set<String>()
                columns = (catalogue.datasets + catalogue.sessionDatasets.map(\.dataset)).flatMap(\.columnNames).filter { seen.insert($0).inserted }
            }
            return columns + FunctionRegistry.spellings + expressionWords
        }
    }

    /// dotCommand completes a dot-command's name, or its argument as its entry in the registry says.
    static func dotCommand(_ text: String, word: String, catalogue: Catalogue, files: (String) -> [String]) -> [String] {
        guard let space = text.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return DotCommand.all.map(\.name) }
        guard let command = DotCommand.named(String(text[..<space])) else { return [] }
        let argument = String(text[space...].drop { $0 == " " || $0 == "\t" })
        switch command.completion {
        case .nothing: return []
        case .words(let words): return words
        case .datasets: return catalogue.allNames
        case .lessons: return ["off"] + Lessons.builtin.lessons.map(\.name)
        case .files:
            // The shell replaces only the word before the cursor, so offer each path from that word on.
            let cut = argument.count - word.count
            return files(argument).map { String($0.dropFirst(cut)) }
        }
    }

    /// openFilePath is the text of a string left open where a file is read, `from 'data/ci` or
    /// `read_csv('data/ci`, or nil when the cursor is not in such a string.
    static func openFilePath(in statement: String) -> String? {
        let utf8 = Array(statement.utf8)
        var open: Int?
        for (i, b) in utf8.enumerated() where b == UInt8(ascii: "'") { open = open == nil ? i : nil }
        guard let open else { return nil }
        let before = String(decoding: utf8[..<open], as: UTF8.self).lowercased()
        let trimmed = before.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        let head = String(trimmed.reversed())
        guard head.hasSuffix("from") || head.hasSuffix("join") || head.hasSuffix("read_csv(") || head.hasSuffix("describe")
                || head.hasSuffix("summarize") else {
            return nil
        }
        return String(decoding: utf8[(open + 1)...], as: UTF8.self)
    }

    /// significantTokens lexes as far as the text is valid; completion must work on unfinished input.
    static func significantTokens(_ text: String) -> [Token] {
        var lexer = Lexer(SourceText(text))
        var tokens: [Token] = []
        while let t = try? lexer.next(), t.kind != .endOfInput { tokens.append(t) }
        return tokens
    }

    /// datasetNamed finds the dataset after FROM in a statement: a dataset's name, or a file, `'x.csv'` or
    /// `read_csv('x.csv', …)`, whose columns the sniffer finds.
    static func datasetNamed(in statement: String, catalogue: Catalogue) -> Dataset? {
        let tokens = significantTokens(statement)
        for (i, t) in tokens.enumerated() where t.kind == .keyword(.from) && i + 1 < tokens.count {
            let next = tokens[i + 1]
            if next.kind == .string, let file = try? CSVFile.open(path: next.text) { return file.schema }
            if next.kind == .identifier, next.text.lowercased() == "read_csv", i + 3 < tokens.count,
               tokens[i + 2].kind == .symbol(.leftParen), tokens[i + 3].kind == .string,
               let file = try? CSVFile.open(path: tokens[i + 3].text) {
                return file.schema
            }
            if let d = catalogue.dataset(named: next.text) { return d }
        }
        return nil
    }
}
