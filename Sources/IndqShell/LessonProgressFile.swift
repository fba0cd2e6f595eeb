// The lesson progress file, $XDG_STATE_HOME/indq/lessons: saved as history is, under a lock, by a new file of mode
// 0600 renamed over the old one, after merging what another prompt may have saved meanwhile. A file there that is
// not a progress file is never overwritten.
import IndqCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// LessonProgressFile reads and saves a learner's progress.
public enum LessonProgressFile {
    /// defaultPath is `$XDG_STATE_HOME/indq/lessons`, else `~/.local/state/indq/lessons`, or nil with no home.
    public static func defaultPath() -> String? { History.statePath("lessons") }

    /// maxSize bounds what is read: a progress file of every exercise is a few kilobytes.
    static let maxSize = 1 << 20

    /// store is the session's store for the file at `path`.
    public static func store(path: String) -> LessonProgressStore {
        LessonProgressStore(place: path) { progress in save(progress, to: path) }
    }

    /// load reads the progress at `path`; a missing file is no progress yet.
    public static func load(_ path: String) -> Result<LessonProgress, LessonProgressProblem> {
        read(History.target(of: path)).map { $0 ?? LessonProgress() }
    }

    /// read returns the progress in a file, nil when there is none, or why it cannot be used.
    static func read(_ path: String) -> Result<LessonProgress?, LessonProgressProblem> {
        var status = stat()
        if stat(path, &status) != 0 {
            return errno == ENOENT ? .success(nil) : .failure(LessonProgressProblem("\(path): \(History.errorText())"))
        }
        // A FIFO or device is never opened: it could block, or be endless.
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            return .failure(LessonProgressProblem("\(path) is \(History.kindName(status.st_mode) ?? "not a regular file")"))
        }
        guard Int(status.st_size) <= maxSize else {
            return .failure(LessonProgressProblem("\(path) is larger than a progress file can be; it is left alone"))
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 { return .failure(LessonProgressProblem("\(path): \(History.errorText())")) }
        defer { close(fd) }
        guard let bytes = History.readAll(fd), bytes.count <= maxSize else {
            return .failure(LessonProgressProblem("\(path): cannot be read"))
        }
        if bytes.isEmpty { return .success(nil) }
        guard let text = String(validating: bytes, as: UTF8.self), let progress = LessonProgress(text: text) else {
            return .failure(LessonProgressProblem("\(path) is not a lesson progress file; it is left alone"))
        }
        return .success(progress)
    }

    /// save merges `progress` with the file's and replaces the file; it returns what was saved.
    public static func save(_ progress: LessonProgress, to path: String) -> Result<LessonProgress, LessonProgressProblem> {
        func failure(_ text: String) -> Result<LessonProgress, LessonProgressProblem> { .failure(LessonProgressProblem(text)) }
        if let problem = History.makeDirectory(History.directory(of: path)) { return failure(problem) }
        // The lock serialises two prompts saving at once, so that neither renames over the other's newest progress.
        let lockPath = path + ".lock"
        let lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o600)
        if lock < 0 { return failure(errno == ELOOP ? "\(lockPath) is a symbolic link" : "\(lockPath): \(History.errorText())") }
        defer { close(lock) }
        var lockStatus = stat()
        if fstat(lock, &lockStatus) != 0 || (lockStatus.st_mode & S_IFMT) != S_IFREG { return failure("\(lockPath) is not a regular file") }
        while flock(lock, LOCK_EX) != 0 {
            if errno != EINTR { return failure("\(lockPath): \(History.errorText())") }
        }

        // A link is written through: the file it names is replaced, and the link stays.
        let target = History.target(of: path)
        History.removeLeftovers(of: target)
        let merged: LessonProgress
        switch read(target) {
        case .success(let stored): merged = (stored ?? LessonProgress()).merged(with: progress)
        case .failure(let problem): return .failure(problem)
        }

        // mkstemp makes the file exclusively, with mode 0600 and a name nobody can guess.
        let directory = History.directory(of: target)
        var template = Array((directory + "/" + History.baseName(of: target) + ".tmp.XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 { return failure("\(directory): \(History.errorText())") }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var problem = OutputFile.writeAll(fd, merged.text).map { String(cString: strerror($0)) }
        if problem == nil && fsync(fd) != 0 { problem = History.errorText() }
        if close(fd) != 0 && problem == nil { problem = History.errorText() }
        if problem == nil && rename(temporary, target) != 0 { problem = History.errorText() }
        if let problem {
            unlink(temporary)
            return failure("\(target): \(problem)")
        }
        return .success(merged)
    }
}
