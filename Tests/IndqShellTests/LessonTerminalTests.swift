// Lessons at the prompt, typed as a learner types them on a real terminal, and the progress file that keeps them.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IndqCore
@testable import IndqShell
import Testing

@Suite struct LessonTerminalTests {
    @Test func aRightAnswerIsConfirmedAndTheNextExerciseOpens() {
        let home = TerminalSessionHome()
        guard let t = TerminalSession.start(home: home.path) else { return }
        t.expectPrompt()
        t.send(".lesson 1\r")
        t.expect("Lesson 1: a first select")
        t.expect("Exercise 1.1 (1 of 3)")
        t.expectPrompt("indq 1.1> ")
        // Other column names than the model answer's are fine: only the figures count.
        t.send("select jaar, applications, decisions, grant_rate from knowledge_and_talent\r")
        t.expect("3 rows")
        t.expect("✓ Right")
        t.expect("Exercise 1.2 (2 of 3)")
        t.expectPrompt("indq 1.2> ")
    }

    @Test func aWrongAnswerGetsItsDifferenceAndTheLessonsTipThenAHintThenItIsRight() {
        let home = TerminalSessionHome()
        guard let t = TerminalSession.start(home: home.path) else { return }
        t.expectPrompt()
        t.send(".lesson percentages\r")
        t.expectPrompt("indq 4.1> ")
        t.send("select categorie, year, inwilligingen from regulier where inwilligingen < 80 order by inwilligingen, categorie\r")
        t.expect("✗ Not yet. Your result has 15 rows; the answer has 5.")
        t.expect("This row should not be there:")
        t.expect("familie_en_gezin | 2020 | 80%.")
        t.expect("Tip: Without %, 80 is the number eighty")
        t.expectPrompt("indq 4.1> ")
        t.send(".hint\r")
        t.expect("Hint 1 of 2: A grant rate is a percentage: compare it with 80%, not with 80.")
        t.expectPrompt("indq 4.1> ")
        // The right rows in the wrong order: the exercise asks for the lowest first.
        t.send("select categorie, year, inwilligingen from regulier where inwilligingen < 80% order by inwilligingen desc\r")
        t.expect("✗ Not yet. The rows are right, but not in the order the exercise asks for: row 1 should be")
        t.expect("start_ups | 2020 | 64%, and yours is arbeidsmigranten | 2019 | 78%.")
        t.expectPrompt("indq 4.1> ")
        t.send("select categorie, year, inwilligingen from regulier where inwilligingen < 80% order by inwilligingen, categorie\r")
        t.expect("✓ Right")
        t.expectPrompt("indq 4.2> ")
    }

    @Test func solutionShowsTheModelAnswerWithItsResultAndLeavesTheExerciseOpen() {
        let home = TerminalSessionHome()
        guard let t = TerminalSession.start(home: home.path) else { return }
        t.expectPrompt()
        t.send(".lesson 4\r")
        t.expectPrompt("indq 4.1> ")
        t.send(".solution\r")
        t.expect("The model answer of exercise 4.1:")
        t.expect("select categorie, year, inwilligingen from regulier where inwilligingen < 80% order by inwilligingen, categorie;")
        t.expect("│ start_ups        │ 2020 │           64% │")
        t.expect("5 rows")
        t.expectPrompt("indq 4.1> ")
        t.send(".lesson off\r")
        t.expect("Lesson mode is off")
        t.expectPrompt("indq> ")
    }

    @Test func progressSurvivesARestart() {
        let home = TerminalSessionHome()
        let file = home.path + "/state/indq/lessons"
        do {
            guard let first = TerminalSession.start(home: home.path) else { return }
            first.expectPrompt()
            first.send(".lesson 1\r")
            first.expectPrompt("indq 1.1> ")
            first.send("select * from kennis_en_talent\r")
            first.expect("✓ Right")
            first.expectPrompt("indq 1.2> ")
            first.send(".skip\r")
            first.expectPrompt("indq 1.3> ")
            first.press(.ctrlD)
            #expect(first.waitForExit()?.code == 0)
        }
        #expect(mode(file) == 0o600)
        #expect(readFile(file) == LessonProgress.header + "\n1.1 solved\n1.2 skipped\n")

        guard let second = TerminalSession.start(home: home.path) else { return }
        second.expectPrompt()
        second.send(".lesson\r")
        second.expect("1  first-select")
        second.expect("1 of 3 solved, 1 skipped")
        second.expectPrompt()
        // A lesson opens at its first exercise not solved yet; a skipped one is not solved.
        second.send(".lesson 1\r")
        second.expectPrompt("indq 1.2> ")
    }
}

@Suite struct LessonProgressFileTests {
    func progress(_ pairs: [(String, LessonProgress.State)]) -> LessonProgress {
        var p = LessonProgress()
        for (id, state) in pairs { p.exercises[id] = state }
        return p
    }

    @Test func saveWritesAPrivateFileAndMergesWhatAnotherPromptSaved() throws {
        let home = TemporaryDirectory()
        let path = home.path + "/state/indq/lessons"
        let a = LessonProgressFile.save(progress([("1.1", .solved), ("2.1", .skipped)]), to: path)
        #expect(try a.get() == progress([("1.1", .solved), ("2.1", .skipped)]))
        #expect(mode(path) == 0o600)
        // A second prompt that knew nothing of the first keeps the first's progress, and a solve beats a skip.
        let b = LessonProgressFile.save(progress([("2.1", .solved), ("4.3", .skipped)]), to: path)
        #expect(try b.get() == progress([("1.1", .solved), ("2.1", .solved), ("4.3", .skipped)]))
        #expect(readFile(path) == LessonProgress.header + "\n1.1 solved\n2.1 solved\n4.3 skipped\n")
        #expect(try LessonProgressFile.load(path).get() == progress([("1.1", .solved), ("2.1", .solved), ("4.3", .skipped)]))
    }

    @Test func aFileThatIsNotAProgressFileIsLeftAlone() {
        let home = TemporaryDirectory()
        let path = home.path + "/lessons"
        writeFile(path, "my own notes\n")
        guard case .failure(let problem) = LessonProgressFile.save(progress([("1.1", .solved)]), to: path) else {
            Issue.record("a foreign file was overwritten")
            return
        }
        #expect(problem.description.contains("is not a lesson progress file; it is left alone"))
        #expect(readFile(path) == "my own notes\n")
    }

    @Test func aFIFOIsNeitherOpenedNorReplaced() {
        let home = TemporaryDirectory()
        let path = home.path + "/lessons"
        #expect(mkfifo(path, 0o600) == 0)
        guard case .failure(let problem) = LessonProgressFile.load(path) else {
            Issue.record("a FIFO was read as progress")
            return
        }
        #expect(problem.description.contains("is a FIFO"), "\(problem)")
        if case .success = LessonProgressFile.save(progress([("1.1", .solved)]), to: path) { Issue.record("a FIFO was replaced") }
    }

    @Test func aLinkIsWrittenThroughAndStays() throws {
        let home = TemporaryDirectory()
        let real = home.path + "/real-lessons"
        let link = home.path + "/lessons"
        #expect(symlink(real, link) == 0)
        _ = try LessonProgressFile.save(progress([("3.2", .solved)]), to: link).get()
        var status = stat()
        #expect(lstat(link, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK)
        #expect(readFile(real) == LessonProgress.header + "\n3.2 solved\n")
    }

    @Test func aFolderThatCannotBeMadeIsReported() {
        let home = TemporaryDirectory()
        writeFile(home.path + "/state", "a file where the folder should be")
        guard case .failure(let problem) = LessonProgressFile.save(progress([("1.1", .solved)]), to: home.path + "/state/indq/lessons") else {
            Issue.record("saved under a file")
            return
        }
        #expect(problem.description.contains("is not a directory"), "\(problem)")
    }
}
