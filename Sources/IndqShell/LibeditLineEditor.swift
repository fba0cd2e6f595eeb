// LibeditLineEditor is the terminal line editor: prompt, history browsing (Up, Ctrl-R) and Tab completion.
// Every libedit detail lives here.
import CLibedit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// LibeditLineEditor reads lines from the terminal with libedit.
/// It is a class because libedit's callbacks find it again through an Unmanaged pointer.
public final class LibeditLineEditor: LineEditor {
    /// history is browsed with Up, Down and Ctrl-R; the Repl adds to it.
    public let history: History
    /// editLine is libedit's editor state.
    private let editLine: OpaquePointer
    /// promptText is the C string the prompt callback returns; it must outlive el_gets.
    private var promptText: UnsafeMutablePointer<CChar>
    /// completer is the caller's completion function, set only while el_gets runs.
    private var completer: ((CompletionContext) -> [String])?

    /// standardInputIsTerminal tells whether stdin is a terminal; when it is not, use PlainLineReader.
    public static func standardInputIsTerminal() -> Bool {
        isatty(0) == 1
    }

    /// takeInterrupt tells whether Ctrl-C was pressed since the last call, and forgets it; a running statement
    /// asks this to know when to stop.
    public static func takeInterrupt() -> Bool { indq_take_interrupt() != 0 }

    /// terminating tells whether SIGTERM or SIGHUP arrived; a running statement stops, and the prompt then ends.
    public static var terminating: Bool { indq_terminating_signal() != 0 }

    /// init sets up libedit on the standard streams with `history`; nil if libedit cannot start.
    /// It installs SIGINT, SIGTERM and SIGHUP handlers so those signals end el_gets instead of the process.
    public init?(history: History, programName: String = "indq") {
        // Without a UTF-8 LC_CTYPE libedit silently drops non-ASCII input; Swift never sets the locale.
        LibeditLineEditor.setUpLocale()
        guard let editLine = indq_el_init(programName) else { return nil }
        self.editLine = editLine
        self.history = history
        promptText = strdup("")!
        _ = indq_install_signal_handlers()

        _ = indq_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        _ = indq_el_set_editor(editLine, "emacs")
        _ = indq_el_set_prompt(editLine, promptCallback)
        _ = indq_el_set_hist(editLine, history.handle)
        // Keys are read by indq_read_char, which reports invalid UTF-8 and notices signals between keys.
        _ = indq_el_set_getcfn(editLine)
        // Ctrl-R is not an incremental search by default.
        _ = indq_el_bind(editLine, "^R", "em-inc-search-prev")
        _ = indq_el_addfn(editLine, "indq-complete", "Complete the word before the cursor", completeCallback)
        _ = indq_el_bind(editLine, "^I", "indq-complete")
        // Last, so a user's ~/.editrc can override the bindings above.
        _ = indq_el_source(editLine)
    }

    deinit {
        el_end(editLine)  // restores the terminal mode
        free(promptText)
    }

    /// readLine shows `prompt` and reads one edited line.
    public func readLine(prompt: String, completions: (CompletionContext) -> [String]) -> LineRead {
        let terminating = indq_terminating_signal()
        if terminating != 0 { return .terminated(signal: terminating) }
        free(promptText)
        promptText = strdup(prompt)!
        // A Ctrl-C that arrived while the last statement ran is stale by now.
        _ = indq_take_interrupt()
        // The next line of a paste needs no editing. The terminal stays in raw mode while the paste lasts, so that the
        // keys still arriving are not echoed by the terminal as well (switching to raw mode when it is raw is free).
        _ = indq_el_prep_term(editLine, 1)
        if let line = takeWaitingLine() {
            Self.writeOut(prompt + line + "\r\n")
            if !Self.inputIsQueued(waiting: 0) { _ = indq_el_prep_term(editLine, 0) }
            return .line(line)
        }
        // EL_SIGNAL is off, so libedit does not track SIGWINCH; pick up a new width at least per line.
        el_resize(editLine)

        return withoutActuallyEscaping(completions) { completions in
            completer = completions
            defer { completer = nil }
            var count: Int32 = 0
            // Raw mode before el_gets draws the prompt: this libedit build switches only at its first read, after the
            // prompt, so a Ctrl-D or Ctrl-R typed at once met the kernel's cooked mode (EOF, reprint) and was lost.
            // el_gets returns the terminal to cooked mode itself.
            _ = indq_el_prep_term(editLine, 1)
            indq_line_state()!.pointee = indq_line_state_t(bytes: 0, bad_offset: -1, bad_byte: 0)
            // errno is stale after Ctrl-D, so clear it and decide from the count.
            errno = 0
            let line = el_gets(editLine, &count)
            if let line, count > 0 {
                let state = indq_line_state()!
                if state.pointee.bad_offset >= 0 {
                    // A line that is not UTF-8 is refused whole, rather than run with its bytes replaced.
                    let byte = String(state.pointee.bad_byte, radix: 16, uppercase: true)
                    let message = "error: the line is not valid UTF-8: byte 0x\(byte) at byte offset \(state.pointee.bad_offset) of the input; it was not run\n"
                    _ = message.withCString { Glibc.write(2, $0, strlen($0)) }
                    return .line("")
                }
                var text = String(cString: line)
                if text.hasSuffix("\n") { text.removeLast() }
                return .line(text)
            }
            let signal = indq_terminating_signal()
            if signal != 0 { return .terminated(signal: signal) }
            if count == -1 && (errno == EINTR || indq_take_interrupt() != 0) { return .interrupted }
            // Ctrl-D on an empty line (count 0), or a read error such as a vanished terminal.
            return .endOfInput
        }
    }

    /// takeWaitingLine returns a whole line that is already queued behind the last one, as the lines of a paste are,
    /// without passing it through the editor: a long paste then costs a few system calls per line instead of several
    /// per key, and a tab in it is text, as in a script. A line with other control keys, or that is not UTF-8, is
    /// left to the editor.
    private func takeWaitingLine() -> String? {
        var start: UnsafePointer<UInt8>?
        let count = Int(indq_fill_input(&start))
        guard count > 0, let start else { return nil }
        let keys = UnsafeBufferPointer(start: start, count: count)
        guard let end = keys.firstIndex(where: { $0 == 0x0D || $0 == 0x0A }) else { return nil }
        let line = keys[..<end]
        if line.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) { return nil }
        guard let text = String(validating: line, as: UTF8.self) else { return nil }
        // A CR LF is one line end.
        let used = end + 1 < count && keys[end] == 0x0D && keys[end + 1] == 0x0A ? end + 2 : end + 1
        indq_consume_input(Int32(used))
        return text
    }

    /// writeOut writes text to the terminal directly.
    private static func writeOut(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(1, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// pasteGap is how long after a line more input may follow and still count as the same paste: a terminal can
    /// deliver a paste in pieces, while nobody types the next key within this time after Enter.
    static let pasteGap: Int32 = 50

    /// moreInputIsWaiting tells whether keys are queued on the terminal behind the line just read, or arrive within
    /// pasteGap milliseconds: then the line is part of a paste.
    public func moreInputIsWaiting() -> Bool {
        Self.inputIsQueued(waiting: LibeditLineEditor.pasteGap)
    }

    /// inputIsQueued tells whether keys are buffered or arrive within `waiting` milliseconds.
    private static func inputIsQueued(waiting: Int32) -> Bool {
        if indq_buffered_input() > 0 { return true }
        var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        // A signal (Ctrl-C, SIGTERM) ends the wait; the next read picks it up.
        let ready = poll(&descriptor, 1, waiting)
        return ready > 0 && descriptor.revents & Int16(POLLIN) != 0
    }

    /// complete handles Tab: it replaces the word before the cursor with the unique candidate plus a space,
    /// or with the candidates' common prefix and lists them below the prompt.
    fileprivate func complete() -> UInt8 {
        guard let info = el_line(editLine), let completer else { return UInt8(CC_ERROR) }
        let start = UnsafeRawPointer(info.pointee.buffer!)
        let cursor = UnsafeRawPointer(info.pointee.cursor!)
        // el_line's cursor and buffer differ in bytes of the multibyte line.
        let bytes = UnsafeRawBufferPointer(start: start, count: cursor - start)
        let before = String(decoding: bytes, as: UTF8.self)
        let last = UnsafeRawPointer(info.pointee.lastchar!)
        let after = String(decoding: UnsafeRawBufferPointer(start: cursor, count: max(0, last - cursor)), as: UTF8.self)
        let word = Completion.word(before: before)
        let candidates = Completion.matching(completer(CompletionContext(before: before, after: after)), word: word)
        if candidates.isEmpty { return UInt8(CC_REFRESH_BEEP) }

        if candidates.count == 1 {
            replace(word: word, with: candidates[0] + Completion.suffix(after: candidates[0], before: before, rest: after))
            return UInt8(CC_REFRESH)
        }
        let common = Completion.commonPrefix(candidates)
        if common.unicodeScalars.count > word.unicodeScalars.count {
            replace(word: word, with: common)
        }
        print("\n" + Completion.columns(candidates, width: Int(indq_terminal_columns(1))), terminator: "")
        fflush(nil)
        return UInt8(CC_REDISPLAY)
    }

    /// replace deletes `word` before the cursor and inserts `text`.
    private func replace(word: String, with text: String) {
        // el_deletestr counts characters (wide chars, i.e. Unicode scalars), not bytes.
        el_deletestr(editLine, Int32(word.unicodeScalars.count))
        _ = el_insertstr(editLine, text)
    }

    /// prompt returns the current prompt for libedit's callback.
    fileprivate var prompt: UnsafeMutablePointer<CChar> { promptText }

    /// setUpLocale takes LC_CTYPE from the environment, falling back to C.UTF-8 when that is not UTF-8.
    private static func setUpLocale() {
        _ = setlocale(LC_CTYPE, "")
        guard let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) == "UTF-8" else {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
            return
        }
    }
}

/// editor returns the LibeditLineEditor stored as libedit's client data.
private func editor(of editLine: OpaquePointer?) -> LibeditLineEditor? {
    guard let editLine, let data = indq_el_get_clientdata(editLine) else { return nil }
    return Unmanaged<LibeditLineEditor>.fromOpaque(data).takeUnretainedValue()
}

/// emptyPrompt is returned if the prompt callback ever runs without an editor; libedit cannot take NULL.
nonisolated(unsafe) private let emptyPrompt: UnsafeMutablePointer<CChar> = strdup("")!

/// promptCallback is libedit's EL_PROMPT function; C callbacks cannot capture, so it finds the editor itself.
private let promptCallback: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>? = { editLine in
    editor(of: editLine)?.prompt ?? emptyPrompt
}

/// completeCallback is the EL_ADDFN function bound to Tab.
private let completeCallback: @convention(c) (OpaquePointer?, Int32) -> UInt8 = { editLine, _ in
    editor(of: editLine)?.complete() ?? UInt8(CC_ERROR)
}

/// Completion holds the terminal-independent parts of Tab completion, so they can be tested.
enum Completion {
    /// word returns the identifier-like word that ends the text before the cursor ("" after a space).
    static func word(before text: String) -> String {
        let characters = text.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return String(characters.reversed())
    }

    /// suffix is what follows a unique candidate: nothing after a folder, which is completed further; the closing
    /// quote and a space after a file named inside `'…` (unless the quote is there already); else a space.
    static func suffix(after candidate: String, before: String, rest: String) -> String {
        if candidate.hasSuffix("/") { return "" }
        // Inside a string the single quotes before the cursor are odd in number ('' counts as two).
        guard before.filter({ $0 == "'" }).count % 2 == 1 else { return " " }
        return rest.hasPrefix("'") ? "" : "' "
    }

    /// matching keeps the candidates that extend `word`, ignoring case, without repeats.
    static func matching(_ candidates: [String], word: String) -> [String] {
        let lowered = word.lowercased()
        var seen = Set<String>()
        return candidates.filter { $0.lowercased().hasPrefix(lowered) && seen.insert($0).inserted }
    }

    /// commonPrefix returns the longest prefix all candidates share.
    static func commonPrefix(_ candidates: [String]) -> String {
        guard var prefix = candidates.first else { return "" }
        for candidate in candidates.dropFirst() {
            prefix = String(zip(prefix, candidate).prefix { $0 == $1 }.map(\.0))
        }
        return prefix
    }

    /// columns lays candidates out in rows of equal-width columns that fit `width`, ending with a newline.
    static func columns(_ candidates: [String], width: Int) -> String {
        let cell = (candidates.map(\.count).max() ?? 0) + 2
        let perRow = max(1, width / cell)
        var text = ""
        for (index, candidate) in candidates.enumerated() {
            let last = index % perRow == perRow - 1 || index == candidates.count - 1
            text += last ? candidate + "\n" : candidate + String(repeating: " ", count: cell - candidate.count)
        }
        return text
    }
}
