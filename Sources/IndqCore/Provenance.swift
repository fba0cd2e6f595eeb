// Provenance: where each value comes from. The pseudo-column `bron` (English `source_ref`) gives a row's short
// reference, `source <query>` lists the report line behind every value of a result, and figures that the report
// qualifies (bijna, ruim, circa) are marked as approximate in table output.

/// The names of the pseudo-column that every dataset has.
let sourceRefNames: Set<String> = ["bron", "source_ref"]

extension Dataset {
    /// sourceRef is a row's short reference, e.g. `Jaarverslag 2021, Cijfers Studenten`.
    public func sourceRef(row: Int) -> String {
        if let file { return "\(file):\(row)" }
        var (report, detail) = reportTable(row: row)
        if report.hasPrefix("IND ") { report.removeFirst(4) }
        return report + ", " + detail
    }

    /// reportTable is the report edition and the table (or, for a figure from the running text, the section) that a
    /// row of a report dataset comes from: `IND Jaarverslag 2021`, `Cijfers Studenten`.
    func reportTable(row: Int) -> (report: String, table: String) {
        let s = row < rowSources.count ? rowSources[row] : nil
        return (s?.report ?? report, s?.table ?? (s?.sentence != nil ? s?.section : nil) ?? table)
    }

    /// qualifierColumn is the column that says whether a row's figures are approximate (`kwalificatie`), if any.
    var qualifierColumn: Int? { file == nil ? columns.firstIndex { $0.name == "kwalificatie" } : nil }

    /// qualifier returns `bijna`, `ruim` or `circa` when the report qualifies the figures of a row.
    func qualifier(row: [Value]) -> String? {
        guard let q = qualifierColumn, q < row.count, case .text(let word) = row[q] else { return nil }
        return word
    }

    /// SourceLine is where one figure stands in the report.
    public struct SourceLine: Sendable {
        public var reference: String
        public var line: Int?
        public var text: String?
        /// words is the figure as the report writes it in words, where it does (`een derde`).
        public var words: String?
    }

    /// sourceLine tells where the figure in a row's column is printed: the table line for year tables, the
    /// sentence's line for figures from the running text.
    public func sourceLine(row: Int, column: Int) -> SourceLine {
        // The line's text is read from the file when the sources are listed (Info.sources).
        if file != nil { return SourceLine(reference: sourceRef(row: row), line: row) }
        let s = row < rowSources.count ? rowSources[row] : nil
        let name = columns[column].name
        if s?.line != nil || s?.sentence != nil {
            return SourceLine(reference: sourceRef(row: row), line: s?.line, text: s?.text ?? s?.sentence, words: s?.words)
        }
        let p = s?.printed?[name] ?? printed[name]
        return SourceLine(reference: sourceRef(row: row), line: p?.line, text: p?.text)
    }

    /// sourceLines tells every place where the figure in a row's column is printed: `sourceLine`, then the other
    /// citations of the same figure, so that one fact printed twice is one row with two sources.
    public func sourceLines(row: Int, column: Int) -> [SourceLine] {
        let first = sourceLine(row: row, column: column)
        guard row < rowSources.count else { return [first] }
        return [first] + rowSources[row].citations.map { c in
            var report = c.report ?? rowSources[row].report ?? self.report
            if report.hasPrefix("IND ") { report.removeFirst(4) }
            let detail = c.section ?? rowSources[row].section ?? table
            return SourceLine(reference: report + ", " + detail, line: c.line, text: c.text ?? c.sentence, words: c.words)
        }
    }
}

extension QueryPlan {
    /// readsSourceRef tells whether the query reads the pseudo-column `bron`, in a select or its ORDER BY.
    var readsSourceRef: Bool {
        func reads(_ e: BoundExpr) -> Bool {
            switch e.kind {
            case .sourceRef, .sourceRefOf: return true
            default: return e.children.contains(where: reads)
            }
        }
        let hidden = order.compactMap { o -> BoundExpr? in if case .expr(let e) = o.key { return e } else { return nil } }
        return selects.contains { $0.expressions.contains(where: reads) } || hidden.contains(where: reads)
    }
}

extension BoundExpr {
    /// referencedColumns lists the dataset columns an output reads, directly or through aggregates and windows,
    /// leaving out `year`, which places a figure rather than being one.
    func referencedColumns(in select: SelectPlan) -> [Int] {
        var out: [Int] = []
        func walk(_ e: BoundExpr) {
            switch e.kind {
            case .column(let i):
                if select.dataset?.columns[i].name != "year", !out.contains(i) { out.append(i) }
            case .groupKey(let i): walk(select.groupKeys[i])
            case .aggregate(let i): select.aggregates[i].argument.map(walk)
            case .window(let i): select.windows[i].arguments.forEach(walk)
            default: e.children.forEach(walk)
            }
        }
        walk(self)
        return out
    }
}

extension BoundExpr {
    /// referencedCombinedColumns lists the columns of a select's combined row that an expression reads, for a row
    /// of a join, whose columns come from several tables.
    var referencedCombinedColumns: [Int] {
        var out: [Int] = []
        forEach { e in if case .column(let i) = e.kind, !out.contains(i) { out.append(i) } }
        return out
    }
}
