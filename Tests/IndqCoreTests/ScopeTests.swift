// Scope tests: a name is resolved among every table in scope, to its place in the combined row; a name that two
// tables have is ambiguous. Queries see one table today, so these build the scopes that joins will make.

import Testing
@testable import IndqCore

struct ScopeTests {
    /// twoTables puts studenten (as s) and then nationaliteiten (as n) in scope, the second after the first's columns.
    static func twoTables() throws -> [TableBinding] {
        let s = try #require(Catalogue.builtin.dataset(named: "studenten"))
        let n = try #require(Catalogue.builtin.dataset(named: "nationaliteiten"))
        return [TableBinding(name: "s", schema: s, columnOffset: 0),
                TableBinding(name: "n", schema: n, columnOffset: s.columns.count)]
    }

    static let here = SourceRange(0, 1)

    /// column resolves a name that must be a column and returns its index in the combined row.
    static func column(_ name: String, in tables: [TableBinding]) throws -> Int? {
        guard case .column(let i, _) = try Binder.resolveColumn(name, at: here, in: tables) else { return nil }
        return i
    }

    @Test func aNameOfTheSecondTableIsFoundAfterTheFirstTablesColumns() throws {
        let tables = try Self.twoTables()
        let offset = tables[1].columnOffset
        #expect(offset == 4)
        // nationaliteit is the fourth column of nationaliteiten, and its English name is nationality.
        #expect(try Self.column("nationaliteit", in: tables) == offset + 3)
        #expect(try Self.column("nationality", in: tables) == offset + 3)
        #expect(try Self.column("inwilligingen", in: tables) == 3)
        let scope = Binder.Scope(tables: tables, clause: "WHERE")
        #expect(scope.table(of: offset + 3).map { $0.0.name } == "n")
        #expect(scope.table(of: offset + 3).map { $0.1 } == 3)
        #expect(scope.table(of: 2).map { $0.0.name } == "s")
        #expect(scope.table(of: offset + tables[1].schema.columns.count) == nil)
    }

    @Test func aNameThatTwoTablesHaveIsAmbiguous() throws {
        let tables = try Self.twoTables()
        for name in ["year", "jaar", "bron"] {
            let error = #expect(throws: Diagnostic.self) { try Binder.resolveColumn(name, at: Self.here, in: tables) }
            #expect(error?.message == "column '\(name)' is ambiguous: s and n each have it")
            #expect(error?.notes == ["name the table, as in s.\(name)"])
        }
        // One table alone is not ambiguous.
        #expect(try Self.column("year", in: [tables[1]]) == tables[1].columnOffset)
    }

    @Test func anUnknownNameListsTheColumnsOfEveryTable() throws {
        let tables = try Self.twoTables()
        let error = #expect(throws: Diagnostic.self) { try Binder.resolveColumn("nationaliteitt", at: Self.here, in: tables) }
        #expect(error?.message == "unknown column 'nationaliteitt' in s, n")
        #expect(error?.notes == ["did you mean nationaliteit?", "s has columns year, aanvragen, beslissingen, inwilligingen",
                                 "n has columns year, categorie, rang, nationaliteit"])
        let none = #expect(throws: Diagnostic.self) { try Binder.resolveColumn("year", at: Self.here, in: []) }
        #expect(none?.code == .columnWithoutFrom)
    }
}
