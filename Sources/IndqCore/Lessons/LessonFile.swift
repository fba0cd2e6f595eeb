// Lesson files: the plain .sql scripts of Examples/lessons/, read as lessons. `indq --check` runs them as scripts;
// the prompt's lesson mode (`.lesson 4`) reads the same text as prose, example queries and exercises.
//
//     -- Lesson 4: percentages
//     -- Prose, in comment paragraphs, and example queries with their expect blocks.
//     -- Exercises.
//     -- Exercise 4.1: The question, on as many comment lines as it needs.
//     -- Hint: A first hint; .hint shows them one by one.
//     -- Mistake: select … where inwilligingen < 80;
//     -- Tip: What a learner whose result equals that mistake's result is told.
//     select …;            the model answer
//     -- expect:           its expected result
//     -- …

/// Lesson is one lesson file.
public struct Lesson: Sendable {
    /// number and name come from the file name, `04-percentages.sql`: `.lesson 4` and `.lesson percentages`.
    public var number: Int
    public var name: String
    public var file: String
    /// title is the first line's text after `Lesson N:`.
    public var title: String
    /// text is what comes before the exercises: prose and example queries, in order.
    public var text: [Passage]
    public var exercises: [Exercise]

    /// Passage is a paragraph of prose or an example query.
    public enum Passage: Sendable, Equatable {
        case prose(String)
        case query(String)
    }
}

/// Exercise is a question with its model answer, checked by result.
public struct Exercise: Sendable {
    /// id is `4.1`: the lesson and the exercise.
    public var id: String
    public var question: String
    /// answer is the model answer's text, without its ';'; expected is its expect block.
    public var answer: String
    public var expected: String
    public var hints: [String]
    public var mistakes: [Mistake]
    /// ordered is whether the order of the rows counts: only where the model answer asks for one (ORDER BY).
    public var ordered: Bool
    /// line is where the exercise starts in its file.
    public var line: Int

    /// Mistake is a typical wrong query, and the tip for a learner whose result equals its result.
    public struct Mistake: Sendable {
        public var query: String
        public var tip: String
    }
}

extension Lesson {
    /// init reads a lesson file; `file` is its name, such as `04-percentages.sql`.
    public init(file: String, text: String) throws {
        // A lesson file is one of the embedded data files, and its errors name their place as the others' do.
        func fail(_ line: Int, _ message: String) -> DataFileError { DataFileError(file: file, line: line, message: message) }
        let stem = file.hasSuffix(".sql") ? String(file.dropLast(4)) : file
        let digits = stem.prefix { $0.isNumber }
        guard let number = Int(digits), stem.dropFirst(digits.count).first == "-" else {
            throw fail(1, "a lesson file is named NN-name.sql, such as 04-percentages.sql")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.first, let colon = first.firstIndex(of: ":"), first.hasPrefix("-- Lesson ") else {
            throw fail(1, "expected the first line to be '-- Lesson \(number): title'")
        }
        self.number = number
        self.name = String(stem.dropFirst(digits.count + 1))
        self.file = file
        self.title = first[first.index(after: colon)...].trimmingCharacters(in: " ")
        self.text = []
        exercises = []

        let source = SourceText(text, name: file)
        var parser: Parser
        do { parser = try Parser(source) } catch { throw fail(1, "\(error)") }
        // Line indexes (from 0) of what is read so far; comments between statements belong to the statement after them.
        var cursor = 1
        while true {
            let parsed: Parser.ParsedStatement?
            do { parsed = try parser.nextStatement() } catch { throw fail(cursor + 1, "\(error)") }
            guard let parsed else { break }
            let startLine = source.location(of: parsed.range.start).line - 1
            let endLine = source.location(of: parsed.range.end).line - 1
            let comments = Array(lines[min(cursor, startLine)..<startLine])
            let statement = String(decoding: source.bytes[parsed.range.start..<parsed.range.end], as: UTF8.self)
            let expected = ScriptCheck.expectBlock(after: parsed.range.end, in: source)
            if let exerciseStart = comments.firstIndex(where: { $0.hasPrefix("-- Exercise ") }) {
                guard let expected else { throw fail(startLine + 1, "expected an '-- expect:' block after the model answer") }
                exercises.append(try Self.exercise(comments[exerciseStart...], firstLine: cursor + exerciseStart + 1, answer: statement,
                                                   expected: expected, statement: parsed.statement, fail: fail))
            } else {
                guard exercises.isEmpty else { throw fail(startLine + 1, "expected '-- Exercise \(number).N: question' before this query") }
                self.text += Self.prose(comments.filter { !$0.hasPrefix("-- Exercises") }) + [.query(statement + ";")]
            }
            // Skip the statement's last line and its expect block.
            cursor = endLine + 1
            if expected != nil {
                cursor += 1
                while cursor < lines.count && lines[cursor].hasPrefix("--") { cursor += 1 }
            }
        }
        if exercises.isEmpty { throw fail(lines.count, "a lesson needs at least one '-- Exercise \(number).N:' block") }
        for (i, e) in exercises.enumerated() where e.id != "\(number).\(i + 1)" {
            throw fail(e.line, "expected exercise \(number).\(i + 1) here, found \(e.id)")
        }
    }

    /// prose turns comment lines into paragraphs, dropping the title line.
    static func prose(_ comments: [String]) -> [Passage] {
        var paragraphs: [Passage] = []
        var current: [String] = []
        func flush() {
            if !current.isEmpty { paragraphs.append(.prose(current.joined(separator: " "))) }
            current = []
        }
        for line in comments {
            guard line.hasPrefix("--"), !line.hasPrefix("-- Lesson ") else { flush(); continue }
            let content = line.dropFirst(2).trimmingCharacters(in: " ")
            if content.isEmpty { flush() } else { current.append(content) }
        }
        flush()
        return paragraphs
    }

    /// exercise reads the comment block of one exercise: its question, then `Hint:`, `Mistake:` and `Tip:` items,
    /// each of which may go on over the comment lines after it.
    static func exercise(_ comments: ArraySlice<String>, firstLine: Int, answer: String, expected: String, statement: Statement,
                         fail: (Int, String) -> DataFileError) throws -> Exercise {
        var items: [(kind: String, text: String, line: Int)] = []
        for (offset, line) in comments.enumerated() {
            let content = line.hasPrefix("--") ? line.dropFirst(2).trimmingCharacters(in: " ") : ""
            if content.isEmpty { continue }
            if let kind = ["Exercise ", "Hint:", "Mistake:", "Tip:"].first(where: { content.hasPrefix($0) }) {
                items.append((kind, content.dropFirst(kind.count).trimmingCharacters(in: " "), firstLine + offset))
            } else if !items.isEmpty {
                items[items.count - 1].text += (items[items.count - 1].kind == "Mistake:" ? "\n" : " ") + content
            }
        }
        let head = items.removeFirst()
        guard let colon = head.text.firstIndex(of: ":") else { throw fail(head.line, "expected '-- Exercise N.M: question'") }
        var exercise = Exercise(id: String(head.text[..<colon]), question: head.text[head.text.index(after: colon)...].trimmingCharacters(in: " "),
                                answer: answer, expected: expected, hints: [], mistakes: [], ordered: false, line: head.line)
        if case .query(let q) = statement { exercise.ordered = !q.orderBy.isEmpty || q.orderByAll != nil }
        for (i, item) in items.enumerated() {
            switch item.kind {
            case "Hint:": exercise.hints.append(item.text)
            case "Mistake:":
                guard i + 1 < items.count, items[i + 1].kind == "Tip:" else { throw fail(item.line, "expected a '-- Tip:' after the mistake") }
                exercise.mistakes.append(.init(query: item.text, tip: items[i + 1].text))
            case "Tip:":
                guard i > 0, items[i - 1].kind == "Mistake:" else { throw fail(item.line, "a '-- Tip:' follows a '-- Mistake:'") }
            default:
                throw fail(item.line, "expected one exercise per comment block")
            }
        }
        return exercise
    }
}

/// Lessons is the course: the lesson files compiled into the binary, in their order.
public enum Lessons {
    /// builtin reads the embedded lesson files once; a file that is not a lesson is left out and named in `problems`.
    public static let builtin: (lessons: [Lesson], problems: [String]) = {
        var lessons: [Lesson] = []
        var problems: [String] = []
        for file in Catalogue.embeddedFiles() where file.name.hasPrefix("lessons/") {
            do {
                lessons.append(try Lesson(file: String(file.name.dropFirst("lessons/".count)), text: file.text))
            } catch {
                problems.append("\(error)")
            }
        }
        return (lessons.sorted { $0.number < $1.number }, problems)
    }()
}
