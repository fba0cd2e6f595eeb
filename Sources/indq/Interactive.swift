// The interactive prompt: wires the shell (line editor, history, REPL loop) to a language session.

import IndqCore

enum Interactive {
    static func run(session: Session) -> Int32 {
        Output.write(2, "the interactive prompt is not wired yet\n")
        return 1
    }
}
