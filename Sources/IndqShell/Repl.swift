// Repl is the read-eval-print loop: it gathers lines into statements, records them in history and runs them.
// It knows nothing of libedit; tests drive it with a scripted LineEditor and a fake StatementRunner.

/// Repl drives a LineEditor and a StatementRunner until the user leaves.
public struct Repl<Editor: LineEditor, Runner: StatementRunner> {
    /// editor supplies lines.
    public var editor: Editor
    /// runner decides when input is complete and runs it.
    public var runner: Runner
    /// history records each statement and saves it at once; nil keeps no history.
    public let history: History?
    /// prompt starts a statement.
    public var prompt = "indq> "
    /// continuationPrompt asks for the next line of an unfinished statement.
    public var continuationPrompt = "   ...> "
    /// write prints the REPL's own output (the newline after Ctrl-C or Ctrl-D).
    public var write: (String) -> Void = { print($0, terminator: "") }

    /// init makes a REPL; pass the same History that the editor browses.
    public init(editor: Editor, runner: Runner, history: History?) {
        self.editor = editor
        self.runner = runner
        self.history = history
    }

    /// run loops until Ctrl-D or a terminating signal and returns the exit status:
    /// 0 for Ctrl-D (a pending unfinished statement is discarded), 128+n for signal n.
    public mutating func run() -> Int32 {
        var buffer = ""
        while true {
            // Completion sees the whole pending statement, so it can tell which dataset is in play.
            // Copies keep the closure from overlapping with the mutating access to `editor`.
            let runner = self.runner
            let pending = buffer
            let read = editor.readLine(prompt: buffer.isEmpty ? prompt : continuationPrompt) { context in
                runner.completions(before: pending.isEmpty ? context.before : pending + "\n" + context.before, after: context.after)
            }
            switch read {
            case .line(let line):
                buffer = buffer.isEmpty ? line : buffer + "\n" + line
                switch self.runner.inputState(buffer) {
                case .empty:
                    buffer = ""
                case .incomplete:
                    continue
                case .complete:
                    // Saved before running, so a statement that crashes the process is still in history.
                    history?.add(buffer)
                    _ = self.runner.run(buffer)
                    buffer = ""
                    if self.runner.wantsToQuit { return 0 }
                }
            case .interrupted:
                // Ctrl-C abandons the statement being typed, never the session.
                buffer = ""
                write("\n")
            case .endOfInput:
                // Leave the user's shell prompt on a fresh line.
                write("\n")
                return 0
            case .terminated(let signal):
                write("\n")
                return 128 + signal
            }
        }
    }
}
