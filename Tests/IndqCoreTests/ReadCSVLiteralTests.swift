// read_csv takes DuckDB's list and struct literals as options (`types = ['BIGINT']`, `columns = {'a': 'BIGINT'}`,
// `nullstr = ['NULL', '-']`), so that a query over a file runs unchanged in both; anywhere else they are refused.

import Testing
@testable import IndqCore

@Suite struct ReadCSVLiteralTests {
    @Test func listsAndStructsPrintBackAsTheyParse() throws {
        for sql in ["SELECT * FROM read_csv('a.csv', types = ['BIGINT', 'VARCHAR'])",
                    "SELECT * FROM read_csv('a.csv', columns = {'jaar': 'BIGINT', 'naam': 'VARCHAR'}, header = TRUE)",
                    "SELECT * FROM read_csv('a.csv', nullstr = [])"] {
            var parser = try Parser(SourceText(sql))
            #expect(try parser.parseStatement().sql == sql)
        }
    }

    @Test func optionsTakeThem() {
        let files = TempFiles()
        let path = files.write("a.csv", "a,b,c\n1,x,-\n2,NULL,3\n")
        let r = runDot("""
            select * from read_csv('\(path)', columns = {'nr': 'BIGINT', 'naam': 'VARCHAR', 'getal': 'VARCHAR'}, header = true);
            select * from read_csv('\(path)', nullstr = ['NULL', '-']);
            select * from read_csv('\(path)', types = ['BIGINT', 'VARCHAR', 'VARCHAR']);
            """)
        #expect(r.err == "", "\(r.err)")
        #expect(r.out == "nr,naam,getal\n1,x,-\n2,NULL,3\na,b,c\n1,x,\n2,,3\na,b,c\n1,x,-\n2,NULL,3\n", "\(r.out)")
    }

    @Test func theyAreRefusedElsewhereAndWhenMalformed() {
        #expect(runDot("select [1, 2]").err.contains("indq reads a list or struct literal only as an option of read_csv"))
        #expect(runDot("select {'a': 1}").err.contains("only as an option of read_csv"))
        #expect(runDot("select * from read_csv('a.csv', types = ['BIGINT'").err.contains("expected ']' to close the list opened at 1:41"))
        #expect(runDot("select * from read_csv('a.csv', columns = {1: 'BIGINT'})").err.contains("expected a field name in quotes"))
        #expect(runDot("select * from read_csv('a.csv', columns = {'a' 'BIGINT'})").err.contains("expected ':' after the field name 'a'"))
        let deep = "select * from read_csv('a.csv', types = " + String(repeating: "[", count: 5000) + ")"
        #expect(runDot(deep).err.contains("too many nested expressions"))
    }
}
