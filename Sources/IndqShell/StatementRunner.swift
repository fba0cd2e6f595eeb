// The shell's view of the language: it needs to know whether a line typed on its own is complete, and to run it.
// Keeping this a protocol lets the shell be tested with a fake, and keeps the core free of terminal code.

/// InputState says whether buffered input can run yet.
public enum InputState: Sendable, Equatable {
    /// Only white space and comments.
    case empty
    /// One or more whole statements: run them.
    case complete
    /// A statement has begun but is not finished: ask for a continuation line.
    case incomplete
}

/// StatementRunner is what the REPL drives: the language session, or a fake in tests.
public protocol StatementRunner {
    /// inputState tells whether `text`, a statement that began on the line just typed, is ready to run without ';'.
    func inputState(_ text: String) -> InputState
    /// run executes every statement in `text`, printing results to stdout and errors to stderr.
    /// It returns false when a statement failed.
    mutating func run(_ text: String) -> Bool
    /// completions lists candidates for the word that ends `before` (the pending statement up to the cursor);
    /// `after` is the rest of the line.
    func completions(before: String, after: String) -> [String]
    /// wantsToQuit is true once the user asked to leave, e.g. with `.quit`.
    var wantsToQuit: Bool { get }
    /// prompt, when set, replaces the REPL's prompt, as a lesson's exercise does (`indq 4.1> `).
    var prompt: String? { get }
}

extension StatementRunner {
    public var wantsToQuit: Bool { false }
    public var prompt: String? { nil }
}
