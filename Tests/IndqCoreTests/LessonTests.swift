// Lessons: the lesson files read as lessons, answers checked by result, and lesson mode in a session.
import Foundation
@testable import IndqCore
import Testing

@Suite struct LessonTests {
    /// result runs one query on the report figures.
    func result(_ query: String) -> ResultSet {
        var session = Session(write: { _ in }, writeError: { _ in })
        #expect(session.run(SourceText(query)) == .success, "\(query)")
        return session.lastResult ?? ResultSet(columns: [], rows: [])
    }

    func check(_ mine: String, _ answer: String, ordered: Bool = false) -> AnswerCheck.Verdict {
        AnswerCheck.compare(result(mine), expected: result(answer), ordered: ordered)
    }

    // MARK: The lesson files

    @Test func everyLessonFileIsALessonAndEmbedded() throws {
        let folder = repositoryRoot.appendingPathComponent("Examples/lessons")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(Lessons.builtin.problems.isEmpty, "\(Lessons.builtin.problems)")
        #expect(Lessons.builtin.lessons.map(\.file) == files, "a lesson file is not embedded in Sources/IndqData/data.c")
        for file in files {
            // The embedded copy is the file as it is now.
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let lesson = try Lesson(file: file, text: text)
            #expect(Lessons.builtin.lessons.first { $0.file == file }?.exercises.map(\.answer) == lesson.exercises.map(\.answer))
            #expect(!lesson.text.isEmpty && lesson.exercises.count >= 2, "\(file)")
            for e in lesson.exercises {
                #expect(!e.question.isEmpty && !e.hints.isEmpty, "\(file): exercise \(e.id) needs a question and a hint")
                #expect(!e.question.contains("Hint:"), "\(file): exercise \(e.id) has a hint inside its question")
            }
        }
    }

    /// Every model answer is right against itself, and every typical mistake runs, is wrong, and gets its tip.
    @Test func everyMistakeIsWrongAndGetsItsTip() {
        for lesson in Lessons.builtin.lessons {
            for (i, exercise) in lesson.exercises.enumerated() {
                #expect(check(exercise.answer, exercise.answer, ordered: exercise.ordered).isRight, "\(exercise.id)")
                for mistake in exercise.mistakes {
                    #expect(!check(mistake.query, exercise.answer, ordered: exercise.ordered).isRight,
                            "\(exercise.id): the mistake gives the right answer: \(mistake.query)")
                    var out = ""
                    var session = Session(write: { out += $0 }, writeError: { _ in })
                    session.lessons.progress = LessonProgress()
                    session.startLesson(Lessons.builtin.lessons.firstIndex { $0.number == lesson.number }!)
                    for _ in 0..<i { session.advance() }
                    out = ""
                    session.run(SourceText(mistake.query))
                    #expect(out.contains("✗ Not yet.") && out.contains("Tip: " + mistake.tip.prefix(30)),
                            "\(exercise.id): \(mistake.query)\n\(out)")
                }
            }
        }
    }

    @Test func aBrokenLessonFileNamesItsPlace() {
        #expect(throws: DataFileError.self) { try Lesson(file: "percentages.sql", text: "-- Lesson 4: x\n") }
        let noExpect = "-- Lesson 9: x\n-- Text.\nselect 1;\n-- Exercises.\n-- Exercise 9.1: Q?\nselect 2;\n"
        do {
            _ = try Lesson(file: "09-x.sql", text: noExpect)
            Issue.record("a model answer without an expect block was accepted")
        } catch let error as DataFileError {
            #expect(error.description == "09-x.sql:6: expected an '-- expect:' block after the model answer")
        } catch {
            Issue.record("\(error)")
        }
        let tipless = "-- Lesson 9: x\n-- Exercise 9.1: Q?\n-- Mistake: select 3;\nselect 2;\n-- expect:\n-- 2\n"
        #expect(throws: DataFileError.self) { try Lesson(file: "09-x.sql", text: tipless) }
    }

    @Test func anExerciseBlockIsReadWhole() throws {
        let text = """
            -- Lesson 9: a test
            -- First paragraph,
            -- on two lines.
            --
            -- Second.
            select 1;
            -- expect:
            -- 1

            -- Exercises.
            -- Exercise 9.1: Which years
            -- are there?
            -- Hint: Use brexit.
            -- Mistake: select year
            -- from studenten;
            -- Tip: Wrong dataset.
            select year from brexit order by year;
            -- expect:
            -- x
            """
        let lesson = try Lesson(file: "09-test.sql", text: text)
        #expect(lesson.number == 9 && lesson.name == "test" && lesson.title == "a test")
        #expect(lesson.text == [.prose("First paragraph, on two lines."), .prose("Second."), .query("select 1;")])
        let e = try #require(lesson.exercises.first)
        #expect(e.id == "9.1" && e.question == "Which years are there?" && e.hints == ["Use brexit."])
        #expect(e.mistakes.map(\.query) == ["select year\nfrom studenten;"] && e.mistakes.map(\.tip) == ["Wrong dataset."])
        #expect(e.answer == "select year from brexit order by year" && e.expected == "x" && e.ordered && e.line == 11)
    }

    // MARK: Checking by result

    @Test func otherColumnNamesAndAnotherOrderAreRightWhereNoOrderIsAsked() {
        #expect(check("select jaar as j, aanvragen as a from studenten order by jaar desc", "select year, aanvragen from studenten") == .right(remark: nil))
        #expect(check("select aanvragen, year from studenten", "select year, aanvragen from studenten")
                == .right(remark: "Your columns are in another order than the model answer's, which is fine."))
    }

    @Test func theOrderCountsWhereTheExerciseAsksForOne() {
        let verdict = check("select year from studenten order by year desc", "select year from studenten order by year", ordered: true)
        #expect(verdict == .wrong("The rows are right, but not in the order the exercise asks for: row 1 should be 2019, and yours is 2021."))
    }

    @Test func theFirstUsefulDifferenceIsNamed() {
        #expect(check("select year from studenten", "select year, aanvragen from studenten")
                == .wrong("Your result has 1 column; the answer has 2: year and aanvragen. Nothing in yours matches the column aanvragen."))
        #expect(check("select year from studenten where year > 2019", "select year from studenten")
                == .wrong("Your result has 2 rows; the answer has 3. A row is missing: 2019."))
        #expect(check("select year from studenten", "select year from studenten where year < 2021")
                == .wrong("Your result has 3 rows; the answer has 2. This row should not be there: 2021."))
        #expect(check("select year, beslissingen as n from studenten", "select year, aanvragen from studenten")
                == .wrong("Wrong value in column \"n\" (the answer's aanvragen) of the row 2019: yours is 20630, the answer's is 20430."))
    }

    @Test func aValueOfTheRightSizeButTheWrongKindIsExplained() {
        guard case .wrong(let text) = check("select year, 1 - instandhoudingen_asiel as x from juridische_zaken",
                                            "select year, (100% - instandhoudingen_asiel)::percentage as x from juridische_zaken") else {
            Issue.record("a fraction was taken for a percentage")
            return
        }
        #expect(text.contains("yours is 0.08, the answer's is 8%.") && text.contains("cast(… as percentage)"), "\(text)")
        guard case .wrong(let points) = check("select year, 100% - instandhoudingen_asiel as x from juridische_zaken",
                                              "select year, (100% - instandhoudingen_asiel)::percentage as x from juridische_zaken") else {
            Issue.record("points were taken for a percentage")
            return
        }
        #expect(points.contains("Yours is in percentage points (pp)"), "\(points)")
        guard case .wrong(let percent) = check("select year, instandhoudingen_asiel * 100 as x from juridische_zaken",
                                               "select year, instandhoudingen_asiel as x from juridische_zaken") else {
            Issue.record("a number of percent was taken for a percentage")
            return
        }
        #expect(percent.contains("yours is 92.00, the answer's is 92%. Yours is the number of percent"), "\(percent)")
    }

    // MARK: Lesson mode in a session

    @Test func lessonModeChecksQueriesAndKeepsProgress() {
        var out = ""
        var saved: [LessonProgress] = []
        var session = Session(write: { out += $0 }, writeError: { out += $0 })
        session.lessons.store = LessonProgressStore(place: "test") { progress in
            saved.append(progress)
            return .success(progress)
        }
        session.run(SourceText(".hint"))
        #expect(out.contains("no lesson is running"))
        session.run(SourceText(".lesson 1"))
        #expect(session.lessonPrompt == "indq 1.1> ")
        out = ""
        session.run(SourceText("select * from kennis_en_talent;"))
        #expect(out.contains("✓ Right!") && out.contains("Exercise 1.2 (2 of 3)"), "\(out)")
        #expect(saved.last?.exercises == ["1.1": .solved])
        session.run(SourceText(".skip"))
        #expect(saved.last?.exercises == ["1.1": .solved, "1.2": .skipped] && session.lessonPrompt == "indq 1.3> ")
        session.run(SourceText(".next"))
        #expect(out.contains("That was the last exercise of lesson 1: 1 of 3 solved.") && session.lessonPrompt == nil, "\(out)")
        session.run(SourceText(".next"))
        #expect(session.lessonPrompt == "indq 2.1> ")
        out = ""
        session.run(SourceText(".lesson"))
        #expect(out.contains("1 of 3 solved, 1 skipped") && out.contains(">  2  where"), "\(out)")
        session.run(SourceText(".lesson off"))
        #expect(session.lessonPrompt == nil)
        out = ""
        session.run(SourceText("select 1;"))
        #expect(!out.contains("Not yet"))
        session.run(SourceText(".lesson nineteen"))
        #expect(out.contains("no lesson 'nineteen'; expected a number from 1 to"), "\(out)")
    }

    @Test func progressTextRoundTripsAndRefusesOtherFiles() {
        var p = LessonProgress()
        p.exercises = ["10.1": .solved, "2.3": .skipped, "2.10": .solved]
        #expect(p.text == LessonProgress.header + "\n2.3 skipped\n2.10 solved\n10.1 solved\n")
        #expect(LessonProgress(text: p.text) == p)
        #expect(LessonProgress(text: "2.3 solved\n") == nil)
        #expect(LessonProgress(text: LessonProgress.header + "\n2.3 done\n") == nil)
        #expect(LessonProgress(text: LessonProgress.header + "\n../x solved\n") == nil)
    }
}
