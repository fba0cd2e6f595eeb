// Lesson mode: `.lesson 4` shows a lesson and its first open exercise, and from then on each query the learner runs
// is checked by its result against the model answer, until the lesson ends or `.lesson off`. `.hint`, `.solution`,
// `.next` and `.skip` help along; progress goes to the session's LessonProgressStore after every change.

/// LessonState is where a learner is in the lessons.
public struct LessonState {
    /// lessons is the course: the embedded lessons, read on first use, unless others are set.
    public var lessons: [Lesson] {
        get { custom ?? Lessons.builtin.lessons }
        set { custom = newValue }
    }
    var custom: [Lesson]?
    public var progress = LessonProgress()
    /// store keeps progress beyond the session; without one (scripts, tests) it lasts as long as the session.
    public var store: LessonProgressStore?
    /// current is the lesson and exercise being worked on; an exercise index past the last means the lesson is done.
    var current: (lesson: Int, exercise: Int)?
    /// hintsShown is how many of the current exercise's hints `.hint` has shown.
    var hintsShown = 0
    /// warned is set once a failed save has been reported, so that it is reported once.
    var warned = false

    public init() {}

    /// exercise is the exercise being worked on, if any.
    var exercise: Exercise? {
        guard let current, current.exercise < lessons[current.lesson].exercises.count else { return nil }
        return lessons[current.lesson].exercises[current.exercise]
    }
}

extension Session {
    /// lessonPrompt is the prompt during an exercise, `indq 4.1> `, so that the learner sees which one is open.
    public var lessonPrompt: String? {
        lessons.exercise.map { "indq \($0.id)> " }
    }

    /// screen writes to the terminal even while results go to a file, for lesson feedback.
    var screen: (String) -> Void { redirect?.screen ?? write }

    // MARK: The commands

    /// lesson is `.lesson` (the list), `.lesson N` or `.lesson NAME` (start one) and `.lesson off`.
    mutating func lesson(_ line: DotCommand.Invocation) throws {
        let argument = line.argument.lowercased()
        if argument.isEmpty { return screen(lessonList()) }
        if argument == "off" {
            guard lessons.current != nil else { throw Diagnostic("no lesson is running", at: line.argumentRange) }
            lessons.current = nil
            return screen("Lesson mode is off; queries are no longer checked. .lesson lists the lessons.\n")
        }
        let found = lessons.lessons.firstIndex { Int(argument) == $0.number || $0.name == argument }
            ?? lessons.lessons.firstIndex { $0.name.hasPrefix(argument) || $0.title.lowercased() == argument }
        guard let index = found else {
            throw Diagnostic("no lesson \(line.found); expected a number from 1 to \(lessons.lessons.count) or a name such as "
                             + "\(lessons.lessons.first?.name ?? "percentages")", at: line.argumentRange, notes: [".lesson lists the lessons"])
        }
        startLesson(index)
    }

    /// hint shows the current exercise's next hint.
    mutating func lessonHint(at range: SourceRange) throws {
        let exercise = try openExercise(at: range)
        guard lessons.hintsShown < exercise.hints.count else {
            return screen(exercise.hints.isEmpty ? "This exercise has no hints. .solution shows the model answer.\n"
                          : "That was the last hint. .solution shows the model answer.\n")
        }
        let hint = exercise.hints[lessons.hintsShown]
        lessons.hintsShown += 1
        let numbered = exercise.hints.count > 1 ? " \(lessons.hintsShown) of \(exercise.hints.count)" : ""
        screen(wrapped("Hint\(numbered): " + hint))
    }

    /// solution shows the model answer and its result; the exercise stays open, to be typed in or skipped.
    mutating func lessonSolution(at range: SourceRange) throws {
        let exercise = try openExercise(at: range)
        screen("The model answer of exercise \(exercise.id):\n\n" + indented(exercise.answer + ";") + "\n")
        if let result = Self.result(of: exercise.answer) { emit(result) }
        screen(".next goes on to the next exercise.\n")
    }

    /// next goes to the next exercise, or, after the last one, to the next lesson.
    mutating func lessonNext(at range: SourceRange) throws {
        guard let current = lessons.current else { throw noLesson(at: range) }
        if current.exercise >= lessons.lessons[current.lesson].exercises.count {
            guard current.lesson + 1 < lessons.lessons.count else {
                lessons.current = nil
                return screen("That was the last lesson. .lesson lists them all with your progress.\n")
            }
            return startLesson(current.lesson + 1)
        }
        advance()
    }

    /// skip marks the current exercise as skipped and goes to the next one.
    mutating func lessonSkip(at range: SourceRange) throws {
        let exercise = try openExercise(at: range)
        if lessons.progress.exercises[exercise.id] != .solved { record(exercise.id, .skipped) }
        screen("Skipped exercise \(exercise.id).\n")
        advance()
    }

    // MARK: Checking an answer

    /// checkLessonAnswer compares the result of the query that just ran with the open exercise's model answer.
    mutating func checkLessonAnswer() {
        guard let exercise = lessons.exercise else { return }
        guard let expected = Self.result(of: exercise.answer) else {
            return screen("(The model answer of exercise \(exercise.id) does not run; this answer cannot be checked.)\n")
        }
        guard let mine = lastResult else {
            let total = last?.total ?? 0
            return screen("✗ Not yet. Your result has \(total) rows; the answer has \(expected.rows.count).\n")
        }
        switch AnswerCheck.compare(mine, expected: expected, ordered: exercise.ordered) {
        case .right(let remark):
            screen(wrapped("✓ Right" + (remark.map { ". " + $0 } ?? "!")))
            record(exercise.id, .solved)
            advance()
        case .wrong(let difference):
            var text = wrapped("✗ Not yet. " + difference)
            // A typical mistake of the lesson file whose result this is: its tip says what went wrong.
            if let mistake = exercise.mistakes.first(where: { m in
                Self.result(of: m.query).map { AnswerCheck.compare(mine, expected: $0, ordered: exercise.ordered).isRight } ?? false
            }) {
                text += wrapped("Tip: " + mistake.tip)
            }
            let hints = lessons.hintsShown < exercise.hints.count ? ".hint gives a hint, " : ""
            text += hints + ".solution shows the model answer, .skip goes on without it.\n"
            screen(text)
        }
    }

    /// result runs a lesson's query on the report figures alone (not the session's tables), or nil if it fails.
    static func result(of query: String) -> ResultSet? {
        var scratch = Session(catalogue: .builtin, write: { _ in }, writeError: { _ in })
        guard scratch.run(SourceText(query)) == .success else { return nil }
        return scratch.lastResult
    }

    // MARK: Moving through the lessons

    /// startLesson shows a lesson's text and its first exercise not solved yet.
    mutating func startLesson(_ index: Int) {
        let lesson = lessons.lessons[index]
        var text = "Lesson \(lesson.number): \(lesson.title)\n\n"
        for passage in lesson.text {
            switch passage {
            case .prose(let p): text += wrapped(p) + "\n"
            case .query(let q): text += indented(q) + "\n"
            }
        }
        screen(text)
        let open = lesson.exercises.firstIndex { lessons.progress.exercises[$0.id] != .solved }
        if open == nil { screen("You have solved every exercise of this lesson; here they are again.\n\n") }
        lessons.current = (index, open ?? 0)
        lessons.hintsShown = 0
        showExercise()
    }

    /// advance opens the exercise after the current one, or ends the lesson after its last.
    mutating func advance() {
        guard let current = lessons.current else { return }
        lessons.current = (current.lesson, current.exercise + 1)
        lessons.hintsShown = 0
        if lessons.exercise != nil { return showExercise() }
        let lesson = lessons.lessons[current.lesson]
        let solved = lesson.exercises.filter { lessons.progress.exercises[$0.id] == .solved }.count
        var text = "That was the last exercise of lesson \(lesson.number): \(solved) of \(lesson.exercises.count) solved."
        if current.lesson + 1 < lessons.lessons.count {
            let next = lessons.lessons[current.lesson + 1]
            text += " .next starts lesson \(next.number), \(next.title); .lesson lists them all."
        } else {
            text += " It was the last lesson; .lesson lists them all with your progress."
        }
        screen("\n" + wrapped(text))
    }

    /// showExercise writes the open exercise's question and what the learner can do.
    func showExercise() {
        guard let current = lessons.current, let exercise = lessons.exercise else { return }
        let count = lessons.lessons[current.lesson].exercises.count
        screen("\n" + wrapped("Exercise \(exercise.id) (\(current.exercise + 1) of \(count)): " + exercise.question)
               + "Type a query to answer it" + (exercise.ordered ? " (the order of the rows counts)" : "")
               + ". .hint, .solution, .skip, .lesson off.\n")
    }

    /// record notes how an exercise went and saves the progress.
    mutating func record(_ id: String, _ state: LessonProgress.State) {
        lessons.progress.exercises[id] = state
        guard let store = lessons.store else { return }
        switch store.save(lessons.progress) {
        case .success(let merged):
            lessons.progress = merged
        case .failure(let problem):
            if !lessons.warned {
                lessons.warned = true
                writeError("indq: warning: cannot save lesson progress to \(store.place): \(problem); it is kept for this session only\n")
            }
        }
    }

    /// lessonList is `.lesson`: every lesson with the learner's progress.
    func lessonList() -> String {
        let nameWidth = lessons.lessons.map(\.name.count).max() ?? 0
        let titleWidth = lessons.lessons.map(\.title.count).max() ?? 0
        var text = ""
        for (i, lesson) in lessons.lessons.enumerated() {
            let states = lesson.exercises.map { lessons.progress.exercises[$0.id] }
            let solved = states.filter { $0 == .solved }.count, skipped = states.filter { $0 == .skipped }.count
            var status = solved + skipped == 0 ? "not started" : "\(solved) of \(states.count) solved"
            if skipped > 0 { status += ", \(skipped) skipped" }
            let number = String(lesson.number)
            text += (lessons.current?.lesson == i ? "> " : "  ") + String(repeating: " ", count: max(0, 2 - number.count)) + number + "  "
                + lesson.name.padding(to: nameWidth) + "  " + lesson.title.padding(to: titleWidth) + "  " + status + "\n"
        }
        text += ".lesson N or .lesson NAME starts a lesson"
        if let store = lessons.store { text += "; your progress is kept in \(store.place)" }
        return text + ".\n"
    }

    /// openExercise is the exercise being worked on, or an error that says how to open one.
    func openExercise(at range: SourceRange) throws -> Exercise {
        guard let exercise = lessons.exercise else {
            throw lessons.current == nil ? noLesson(at: range)
                : Diagnostic("the lesson is done; .next starts the next one", at: range)
        }
        return exercise
    }

    func noLesson(at range: SourceRange) -> Diagnostic {
        Diagnostic("no lesson is running", at: range, notes: [".lesson lists the lessons; .lesson 1 starts the first"])
    }

    /// wrapped breaks text into lines that fit the terminal (at most 100 columns), ending with a line end.
    func wrapped(_ text: String) -> String {
        let width = min(100, max(40, terminalWidth?() ?? 100))
        var lines: [String] = []
        var line = ""
        // A row written as `start_ups | 2020 | 64%` stays on one line.
        var words: [String] = []
        var pieces = text.split(separator: " ").map(String.init)[...]
        while let piece = pieces.popFirst() {
            if piece == "|", let last = words.popLast(), let next = pieces.popFirst() {
                words.append(last + " | " + next)
            } else {
                words.append(piece)
            }
        }
        for word in words {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n") + "\n"
    }

    /// indented shows a query as a block of code.
    func indented(_ query: String) -> String {
        query.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// padding fills the text with spaces to `width` characters.
    func padding(to width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
