// Repl is the read-eval-print loop: it gathers lines into statements, records them in history and runs them.
// It knows nothing of libedit; tests drive it with a scripted LineEditor and a fake StatementRunner.
//
// Text at the prompt gives the statements a script gives: a statement ends at its ';' (a dot-command at its line end),
// found by the core's StatementSplitter, the one that splits scripts, as each line arrives. The one convenience: a line typed on its own that is
// already a complete statement runs on Enter without ';'. A statement that has taken a second line, or a line that
// arrived with more input behind it (a paste), waits for its ';'.
import IndqCore

/// Repl drives a LineEditor and a StatementRunner until the user leaves.
public struct Repl<Editor: LineEditor, Runner: StatementRunner> {
    /// editor supplies lines.
    public var editor: Editor
    /// runner decides whether a line typed on its own is complete, and runs statements.
    public var runner: Runner
    /// history records each statement and saves it at once; nil keeps no history.
    public let history: History?
    /// prompt starts a statement.
    public var prompt = "indq> "
    /// continuationPrompt asks for the next line of an unfinished statement.
    public var continuationPrompt = "   ...> "
    /// write prints the REPL's own output (the newline after Ctrl-C or Ctrl-D).
    public var write: (String) -> Void = { print($0, terminator: "") }

    /// pending holds the input not run yet: each line with its newline.
    private var pending: [UInt8] = []
    /// splitter knows where statements in `pending` end; `scanned` is how far it has read, so each byte is read once.
    private var splitter = StatementSplitter()
    private var scanned = 0

    /// init makes a REPL; pass the same History that the editor browses.
    public init(editor: Editor, runner: Runner, history: History?) {
        self.editor = editor
        self.runner = runner
        self.history = history
    }

    /// run loops until Ctrl-D or a terminating signal and returns the exit status:
    /// 0 for Ctrl-D (a pending unfinished statement is discarded), 128+n for signal n.
    public mutating func run() -> Int32 {
        while true {
            switch readLine() {
            case .line(let line):
                if accept(line) { return 0 }
            case .interrupted:
                // Ctrl-C abandons the statement being typed, never the session.
                discardPending()
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

    /// readLine asks the editor for a line. Completion sees the whole pending statement, so it can tell which dataset
    /// is in play.
    mutating func readLine() -> LineRead {
        // Copies keep the closure from overlapping with the mutating access to `editor`. They end with this call, so
        // that appending to `pending` afterwards does not copy it (which would make a long paste quadratic).
        let runner = self.runner
        let earlier = pending
        return editor.readLine(prompt: pending.isEmpty ? runner.prompt ?? prompt : continuationPrompt) { context in
            runner.completions(before: earlier.isEmpty ? context.before : String(decoding: earlier, as: UTF8.self) + context.before,
                               after: context.after)
        }
    }

    /// accept adds one line to the pending input and runs what it finished; true when the user asked to leave.
    mutating func accept(_ line: String) -> Bool {
        let lineStart = pending.count
        pending.append(contentsOf: line.utf8)
        pending.append(0x0A)

        // The statements (and dot-commands) this line finished, up to the last ';' or dot-command line.
        var end = 0
        var hasStatement = false
        pending.withUnsafeBufferPointer { bytes in
            while let statementEnd = splitter.scan(bytes, position: &scanned, atEnd: false).end {
                end = statementEnd
                hasStatement = true
            }
        }
        if let start = splitter.statementStart {
            // A statement is left over. It runs now only if it began on this line, nothing else was waiting behind the
            // line, and the parser finds it complete.
            if start >= lineStart && !editor.moreInputIsWaiting() {
                let rest = String(decoding: pending[start...], as: UTF8.self)
                switch runner.inputState(rest) {
                case .complete:
                    end = pending.count
                    hasStatement = true
                case .incomplete, .empty:
                    break
                }
            }
        } else if !splitter.isInsideQuoteOrComment {
            // Only white space or comments follow: they belong with the statement before them (or are dropped).
            end = pending.count
        }
        guard end > 0 else { return false }

        let text = Self.trimmed(pending[..<end])
        if end == pending.count {
            discardPending()
        } else {
            pending.removeFirst(end)
            splitter.shift(by: end)
            scanned -= end
        }
        guard hasStatement else { return false }
        // Saved before running, so a statement that crashes the process is still in history.
        history?.add(text)
        _ = runner.run(text)
        return runner.wantsToQuit
    }

    /// discardPending forgets the input not run yet.
    mutating func discardPending() {
        pending.removeAll()
        splitter = StatementSplitter()
        scanned = 0
    }

    /// trimmed is the text without the white space around it.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
