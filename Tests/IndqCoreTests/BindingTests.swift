// Binding tests: a name is resolved among every table in scope, to its place in the combined row, and a name that
// two tables have is ambiguous; joins, USING and correlated subqueries bind names to their place; the one traversal
// of bound expressions visits every node but those of subqueries.

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

    @Test func aQualifiedNameLooksInItsTableOnly() throws {
        let tables = try Self.twoTables()
        guard case .column(let i, _) = try Binder.resolveColumn("year", table: "N", at: Self.here, in: tables) else {
            Issue.record("n.year is not a column")
            return
        }
        #expect(i == tables[1].columnOffset)
        #expect(throws: Diagnostic.self) { try Binder.resolveColumn("nationaliteit", table: "s", at: Self.here, in: tables) }
        let error = #expect(throws: Diagnostic.self) { try Binder.resolveColumn("year", table: "ss", at: Self.here, in: tables) }
        #expect(error?.message == "unknown table 'ss'")
        #expect(error?.notes == ["did you mean s?", "FROM has s, n"])
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

struct BoundExprTests {
    /// outputs binds a query and returns the bound expressions of its first select's list.
    static func outputs(_ sql: String) throws -> [BoundExpr] {
        let source = SourceText(sql)
        guard case .query(let q) = try Parser.parseAll(source)[0] else { throw Diagnostic("not a query", at: SourceRange(0, 0)) }
        var binder = Binder(catalogue: .builtin, source: source)
        return try binder.check(q).selects[0].outputs.map(\.expr)
    }

    /// shape names a node's kind, for comparing traversals.
    static func shape(_ e: BoundExpr) -> String {
        switch e.kind {
        case .column(let i): return "column \(i)"
        case .constant(let v): return v.display ?? "null"
        case .scalar(let f, _): return f.name
        case .subquery: return "subquery"
        case .inSubquery: return "in subquery"
        default: return String(describing: e.kind).prefix { $0 != "(" }.description
        }
    }

    @Test(arguments: [
        ("select abs(aanvragen - 1) + year * 2 + 3 from studenten",
         ["chain", "abs", "chain", "column 1", "1", "chain", "column 0", "2", "3"]),
        ("select case when year between 2019 and 2020 then -aanvragen else coalesce(beslissingen, 0) end from studenten",
         ["caseWhen", "between", "column 0", "2019", "2020", "negate", "column 1", "coalesce", "column 2", "0"]),
        ("select year in (select year from brexit) or year in (1, 2) and bron like 'J%' from studenten",
         ["chain", "in subquery", "column 0", "chain", "inList", "column 0", "1", "2", "like", "sourceRef", "J%"]),
        ("select (select max(year) from brexit) || cast(year as varchar) from studenten",
         ["chain", "subquery", "cast", "column 0"]),
    ])
    func forEachVisitsEveryNodeOutsideSubqueries(_ sql: String, _ expected: [String]) throws {
        let e = try #require(try Self.outputs(sql).first)
        var seen: [String] = []
        e.forEach { seen.append(Self.shape($0)) }
        #expect(seen == expected)
        #expect(e.contains { Self.shape($0) == expected.last })
        #expect(!e.contains { Self.shape($0) == "column 3" })
    }

    @Test func containsStopsAtTheFirstMatch() throws {
        let e = try #require(try Self.outputs("select year + aanvragen + beslissingen from studenten").first)
        var looked = 0
        #expect(e.contains { looked += 1; if case .column = $0.kind { return true }; return false })
        #expect(looked == 2)
    }
}

struct JoinBindingTests {
    /// columns binds a query and gives what each output of its first select reads: a column of the combined row, an
    /// outer value, or the shape of the expression.
    static func reads(_ sql: String) throws -> [String] {
        try BoundExprTests.outputs(sql).map { e in
            switch e.kind {
            case .column(let i): return "column \(i)"
            case .outer(_, let k): return "outer \(k)"
            case .sourceRefOf(let offset): return "bron of the table at \(offset)"
            default: return BoundExprTests.shape(e)
            }
        }
    }

    @Test(arguments: [
        // A self-join: each alias reads its own copy of the columns, the second after the first's four.
        ("select a.year, b.year, b.inwilligingen from studenten a join studenten b on a.year < b.year", ["column 0", "column 4", "column 7"]),
        // A name only one table has needs no qualifier; nationaliteiten's columns follow regulier's five.
        ("select aanvragen, nationaliteit from regulier r join nationaliteiten n on r.categorie = n.categorie", ["column 2", "column 8"]),
        // USING merges the column: unqualified, it is the left one; for a full join, either side's value.
        ("select year from studenten join brexit using (year)", ["column 0"]),
        ("select year from studenten right join brexit using (year)", ["column 4"]),
        ("select year from studenten full join brexit using (year)", ["coalesce"]),
        // Three tables, the third after both; parentheses keep the offsets in FROM's order.
        ("select u.year from studenten s join (brexit b join start_ups u on u.year = b.year) on b.year = s.year", ["column 8"]),
        ("select r.bron, n.bron from regulier r, nationaliteiten n", ["bron of the table at 0", "bron of the table at 5"]),
        ("select bron from regulier r, range(3)", ["bron of the table at 0"]),
    ])
    func namesResolveToTheirPlaceInTheCombinedRow(_ sql: String, _ expected: [String]) throws {
        #expect(try Self.reads(sql) == expected, "\(sql)")
    }

    @Test func aCorrelatedSubqueryReadsTheOuterRowThroughParameters() throws {
        let e = try #require(try BoundExprTests.outputs(
            "select (select count(*) from regulier r where r.year = s.year and r.aanvragen > s.aanvragen) from studenten s").first)
        guard case .subquery(let sub) = e.kind else { Issue.record("not a subquery"); return }
        // s.year and s.aanvragen are the outer row's columns 0 and 1, passed in as parameters 0 and 1.
        #expect(sub.isCorrelated)
        #expect(sub.parameters.map { if case .column(let i) = $0.kind { return i }; return -1 } == [0, 1])
        let uncorrelated = try #require(try BoundExprTests.outputs("select (select max(year) from brexit) from studenten").first)
        guard case .subquery(let plain) = uncorrelated.kind else { Issue.record("not a subquery"); return }
        #expect(!plain.isCorrelated)
    }

    @Test func anInnerNameHidesTheOuterOne() throws {
        // year is brexit's own column inside the subquery, not the outer studenten's.
        let e = try #require(try BoundExprTests.outputs("select (select max(year) from brexit) from studenten s").first)
        guard case .subquery(let sub) = e.kind else { Issue.record("not a subquery"); return }
        #expect(!sub.isCorrelated)
    }
}
