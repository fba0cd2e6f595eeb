// The interactive prompt: wires the shell (line editor, history, REPL loop) to a language session.

import IndqCore
import IndqShell

/// SessionRunner lets the REPL drive a language session.
struct SessionRunner: StatementRunner {
    var session: Session

    func inputState(_ text: String) -> InputState {
        switch session.inputState(text) {
        case .empty: return .empty
        case .complete: return .complete
        case .incomplete: return .incomplete
        }
    }

    mutating func run(_ text: String) -> Bool {
        // At the prompt every statement of a paste runs, even after one fails, as in a script with --continue-on-error.
        session.run(SourceText(text), stopOnError: false) == .success
    }

    var wantsToQuit: Bool { session.quitRequested }

    var prompt: String? { session.lessonPrompt }

    func completions(before: String, after: String) -> [String] {
        Completion.candidates(before: before, after: after, catalogue: session.catalogue, files: FileNames.matching)
    }
}

/// Interactive runs the REPL on the terminal.
enum Interactive {
    static func run(session: Session) -> Int32 {
        let history = History()
        guard let editor = LibeditLineEditor(history: history) else {
            Output.write(2, "error: cannot start the line editor on this terminal\n")
            return 1
        }
        Output.write(1, "indq 0.1 — the IND annual report figures. Type help for the commands, .lesson for the lessons, Ctrl-D to leave.\n")
        // el_gets must run on the main thread: Swift's worker threads block SIGINT.
        var session = session
        session.historyEntries = { history.entries }
        // Lesson progress is kept beside the history, and read once here; every change saves it.
        if let path = LessonProgressFile.defaultPath() {
            switch LessonProgressFile.load(path) {
            case .success(let progress): session.lessons.progress = progress
            case .failure(let problem): Output.write(2, "indq: warning: cannot read lesson progress: \(problem)\n")
            }
            session.lessons.store = LessonProgressFile.store(path: path)
        }
        // Ctrl-C while a statement runs cancels it (and the rest of a paste or .read), not the prompt; SIGTERM and
        // SIGHUP (a closed terminal) cancel it too, and then end the prompt.
        session.shouldStop = { LibeditLineEditor.terminating || LibeditLineEditor.takeInterrupt() }
        var repl = Repl(editor: editor, runner: SessionRunner(session: session), history: history)
        // Unbuffered, so that a write error is seen (and reported) at once.
        repl.write = { Output.write(1, $0) }
        return repl.run()
    }
}
