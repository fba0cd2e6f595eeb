// A learner's progress through the lessons: which exercises were solved or skipped. The prompt keeps it in
// $XDG_STATE_HOME/indq/lessons (the shell's LessonProgressFile); the core only reads and writes its text.
//
//     # indq lesson progress: one exercise per line, solved or skipped
//     1.1 solved
//     4.2 skipped

/// LessonProgress maps an exercise (`4.1`) to how it went.
public struct LessonProgress: Equatable, Sendable {
    public enum State: String, Sendable {
        case solved, skipped
    }

    public var exercises: [String: State] = [:]

    public init() {}

    /// header starts every progress file, so that another kind of file is never taken for one.
    public static let header = "# indq lesson progress: one exercise per line, solved or skipped"

    /// init reads a progress file's text; nil when it is not one (its first line is not the header, or a line is
    /// not `N.M solved|skipped`).
    public init?(text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }[...]
        guard lines.popFirst() == Substring(Self.header) else { return nil }
        for line in lines {
            let words = line.split(separator: " ")
            guard words.count == 2, Self.isExercise(words[0]), let state = State(rawValue: String(words[1])) else { return nil }
            exercises[String(words[0])] = state
        }
    }

    /// text is the file's content, in exercise order.
    public var text: String {
        let ordered = exercises.keys.sorted { a, b in
            let x = a.split(separator: ".").compactMap { Int($0) }, y = b.split(separator: ".").compactMap { Int($0) }
            return x.lexicographicallyPrecedes(y)
        }
        return ([Self.header] + ordered.map { "\($0) \(exercises[$0]!.rawValue)" }).joined(separator: "\n") + "\n"
    }

    /// merged adds another session's progress: an exercise solved in either is solved.
    public func merged(with other: LessonProgress) -> LessonProgress {
        var result = self
        for (id, state) in other.exercises where result.exercises[id] != .solved {
            result.exercises[id] = state == .solved ? .solved : (result.exercises[id] ?? state)
        }
        return result
    }

    static func isExercise(_ word: Substring) -> Bool {
        let parts = word.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}

/// LessonProgressStore keeps progress beyond the session: `save` merges it with what is stored and returns the
/// merged progress, or a description of what failed.
public struct LessonProgressStore {
    /// place names where progress is kept, for `.lesson`.
    public var place: String
    public var save: (LessonProgress) -> Result<LessonProgress, LessonProgressProblem>

    public init(place: String, save: @escaping (LessonProgress) -> Result<LessonProgress, LessonProgressProblem>) {
        self.place = place
        self.save = save
    }
}

/// LessonProgressProblem says why progress could not be read or kept.
public struct LessonProgressProblem: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
