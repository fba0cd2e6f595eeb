// The svg format: a chart for slides and reports, one standalone SVG document per result. A label column and numeric
// columns make horizontal bars; rows that run over two or more years make lines. The chart has a title, axis labels
// and a legend, hatches approximate figures and marks them ≈, puts percentages on a 0–100% axis, and names under it
// the report editions and tables (or the files) that its rows were read from, as their provenance tells.

import Glibc

/// SVGChartError says why a result cannot be drawn as an svg chart.
public struct SVGChartError: Error, CustomStringConvertible, Sendable {
    public let description: String

    /// check tells why a result of these columns cannot be drawn, or nil when it can.
    static func check(_ columns: [ResultColumn]) -> SVGChartError? {
        guard ChartShape(columns) == nil else { return nil }
        let found = columns.isEmpty ? "no columns" : columns.map { "\($0.name) (\($0.type.rawValue))" }.joined(separator: ", ")
        return SVGChartError(description: "an svg chart needs a label column and at least one numeric column (a count, "
            + "decimal or percentage), or a year column and a numeric column; the result has \(found)")
    }
}

/// ChartSources gathers where the drawn rows come from: report editions with their tables (or sections, for figures
/// from the running text), files, and whether some rows have no source (a constant, a session table, a view, a CTE or
/// a query in FROM, which hand on values without their provenance).
struct ChartSources {
    private(set) var editions: [(report: String, tables: [String])] = []
    private(set) var files: [String] = []
    private(set) var unsourced = false
    private var seen: Set<String> = []

    /// add notes the sources of one result row.
    mutating func add(_ origin: RowOrigin?) {
        guard let origin, origin.source != nil || !origin.joined.isEmpty else {
            unsourced = true
            return
        }
        if let box = origin.source { add(box.dataset, origin.rows) }
        for part in origin.joined { add(part.source.dataset, part.rows.filter { $0 >= 0 }) }
    }

    /// add notes the rows of a dataset; a row computed from none of them (a count over no rows) names the dataset's
    /// own report and table.
    private mutating func add(_ dataset: Dataset, _ rows: [Int]) {
        if let file = dataset.file {
            if seen.insert("file\u{0}" + file).inserted { files.append(file) }
            return
        }
        guard !dataset.report.isEmpty else {
            unsourced = true
            return
        }
        let places = rows.isEmpty ? [(dataset.report, dataset.table)] : rows.map { dataset.reportTable(row: $0) }
        for (report, table) in places where seen.insert(report + "\u{0}" + table).inserted {
            if let i = editions.firstIndex(where: { $0.report == report }) { editions[i].tables.append(table) }
            else { editions.append((report, [table])) }
        }
    }

    /// parts are the sources as the chart names them, an edition with its tables each, then the files.
    var parts: [String] {
        var out = editions.sorted { $0.report < $1.report }.map { $0.report + ", " + $0.tables.joined(separator: "; ") } + files
        if unsourced {
            if out.isEmpty { return Self.none }
            out.append("and values not read straight from a report dataset or a file, which have no source to name")
        }
        return out
    }

    /// none is the source line of rows that have none.
    static let none = ["none: these values are not read straight from a report dataset or a file (a constant, a session "
        + "table, a view, a CTE or a query in FROM hands on values without their source)"]
}

/// SVGChart draws rows as one SVG document.
struct SVGChart {
    static let width = 960.0
    /// maxBars bounds the rows a bar chart draws; maxSeries the lines of a line chart.
    static let maxBars = 60
    static let maxSeries = 12
    /// palette: colours that stay apart for colour-blind readers, then a brown and a grey.
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8C6D31", "#555555"]

    var options: RenderOptions
    var columns: [ResultColumn]
    var rows: [[Value]]
    var qualifiers: [[String?]]
    var origins: [RowOrigin?]
    /// statement is the query's text, written shortened under the title.
    var statement: String?
    /// total is the number of rows of the result, more than rows.count when the sink held only the first.
    var total: Int
    /// provenance tells whether `origins` say where the rows come from.
    var provenance: ResultHeader.Provenance

    /// Axis is the kind of scale a column is drawn on.
    enum Axis: Equatable {
        case percentage, points, number
    }

    /// Series is one set of bars or one line: its name, the column it draws and, for a line, its rows in year order.
    struct Series {
        var name: String
        var column: Int
        var rows: [Int]
        var colour: String
        var dashed: Bool
    }

    // MARK: Shape

    /// yearColumn is the column the rows run over, when the result has one with at least two years and a numeric
    /// column beside it.
    func yearColumn() -> Int? {
        guard let x = columns.firstIndex(where: { $0.isYear && $0.type.alignsRight }),
              columns.indices.contains(where: { $0 != x && columns[$0].type.alignsRight && !columns[$0].isYear }) else { return nil }
        return Set(rows.compactMap { $0[x].asDouble }).count >= 2 ? x : nil
    }

    /// axis is the scale of a column: percentages and points when every value is one, other numbers otherwise.
    func axis(_ c: Int) -> Axis {
        let values = rows.map { $0[c] }
        if columns[c].type == .percentage || values.allSatisfy({ $0.type == .percentage || $0.isNull }) { return .percentage }
        if columns[c].type == .points || values.allSatisfy({ $0.type == .points || $0.isNull }) { return .points }
        return .number
    }

    /// isApproximate tells whether the value of row r, column c is approximate.
    func isApproximate(_ r: Int, _ c: Int) -> Bool {
        r < qualifiers.count && c < qualifiers[r].count && qualifiers[r][c] != nil
    }

    /// shown is a value as the chart writes it: years plainly, numbers in the session's style, ≈ before an
    /// approximate one.
    func shown(_ r: Int, _ c: Int) -> String {
        let v = rows[r][c]
        let text = (columns[c].isYear ? v.display : options.numbers.format(v)) ?? "NULL"
        return (isApproximate(r, c) && !v.isNull ? "≈" : "") + DisplayWidth.printable(text)
    }

    // MARK: Document

    /// document is the chart, or a short document that says why there is none.
    func document() -> String {
        var svg = SVGCanvas()
        if rows.isEmpty { return message("no rows to draw", &svg) }
        if let x = yearColumn() { return lines(x: x, &svg) }
        guard let shape = ChartShape(columns) else {
            return message(SVGChartError.check(columns)?.description ?? "this result cannot be drawn", &svg)
        }
        return bars(shape, &svg)
    }

    /// message is a document that holds one sentence, for a result without a chart.
    func message(_ text: String, _ svg: inout SVGCanvas) -> String {
        svg.text(24, 40, text, size: 15)
        return svg.document(width: Self.width, height: 64, title: text)
    }

    /// heading writes the title and, under it, the query; it returns where the legend starts.
    func heading(_ title: String, _ svg: inout SVGCanvas) -> Double {
        svg.text(24, 40, SVGCanvas.fitted(title, width: Self.width - 48, size: 22), size: 22, weight: "bold")
        guard let statement else { return 66 }
        let query = statement.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
        svg.text(24, 64, SVGCanvas.fitted(DisplayWidth.printable(query), width: Self.width - 48, size: 13, perCell: 0.62), size: 13,
                 fill: "#555555", family: "monospace")
        return 88
    }

    /// LegendItem is one entry of the legend: a swatch and its words.
    enum LegendItem {
        case bar(String, colour: String), line(String, colour: String, dashed: Bool), approximate(String, line: Bool)
    }

    /// legend writes the entries in rows across the chart from `top`; it returns the y below it.
    func legend(_ items: [LegendItem], top: Double, _ svg: inout SVGCanvas) -> Double {
        var x = 24.0, y = top
        for item in items {
            let words: String
            switch item {
            case .bar(let w, _), .line(let w, _, _), .approximate(let w, _): words = DisplayWidth.printable(w)
            }
            let shown = SVGCanvas.fitted(words, width: Self.width - 48 - 24, size: 14)
            let width = 24 + SVGCanvas.estimate(shown, size: 14)
            if x > 24 && x + width > Self.width - 24 {
                x = 24
                y += 22
            }
            switch item {
            case .bar(_, let colour):
                svg.rect(x, y - 12, 16, 14, fill: colour)
            case .line(_, let colour, let dashed):
                svg.line(x, y - 5, x + 16, y - 5, stroke: colour, width: 3, dashed: dashed)
                svg.circle(x + 8, y - 5, 3.5, fill: colour, stroke: colour)
            case .approximate(_, let line):
                if line { svg.circle(x + 8, y - 5, 4.5, fill: "#ffffff", stroke: "#555555", dashed: true) }
                else { svg.approximateBar(x, y - 12, 16, 14, colour: "#555555") }
            }
            svg.text(x + 22, y, shown, size: 14)
            x += width + 18
        }
        return y + 14
    }

    /// approximateWords explains the ≈ mark, naming the report's words that occur among the drawn values.
    func approximateWords(_ drawn: [(Int, Int)]) -> String? {
        let words = Set(drawn.compactMap { r, c in isApproximate(r, c) ? qualifiers[r][c] : nil })
        guard !words.isEmpty else { return nil }
        let meaning = ["bijna": "almost", "ruim": "over", "circa": "about"]
        var parts: [String] = []
        let said = ["bijna", "ruim", "circa"].filter(words.contains)
        if !said.isEmpty { parts.append("the report says " + said.map { "\($0) (\(meaning[$0]!))" }.joined(separator: ", ")) }
        if words.contains(computedQualifier) { parts.append("computed from figures the report gives as approximate") }
        return "≈ approximate: " + parts.joined(separator: "; ")
    }

    /// footer writes the notes and the source line from `top`; it returns the height of the document.
    func footer(notes: [String], drawnRows: [Int], top: Double, _ svg: inout SVGCanvas) -> Double {
        var y = top
        for note in notes {
            y += 18
            svg.text(24, y, SVGCanvas.fitted(note, width: Self.width - 48, size: 12), size: 12, fill: "#555555")
        }
        var sources = ChartSources()
        for r in drawnRows { sources.add(r < origins.count ? origins[r] : nil) }
        let parts: [String]
        switch provenance {
        case .inChunks: parts = sources.parts
        case .none: parts = ChartSources.none
        case .notKept: parts = ["not kept with these rows: run the query itself to have its source named"]
        }
        // Each edition starts a line, under the first after `Bron: `; a long one goes on, indented, on the next.
        y += 8
        let indent = 24 + SVGCanvas.estimate("Bron: ", size: 12) + 4
        for (i, part) in parts.enumerated() {
            let x = i == 0 ? 24 : indent
            for (k, line) in SVGCanvas.wrapped((i == 0 ? "Bron: " : "") + part, width: Self.width - 24 - x - 16, size: 12).enumerated() {
                y += 17
                svg.text(k == 0 ? x : indent + 16, y, line, size: 12, fill: "#333333")
            }
        }
        return y + 16
    }

    // MARK: Scales

    /// Scale maps values of one axis onto a stretch of the picture, with round ticks.
    struct Scale {
        var low: Double, high: Double, ticks: [Double]
        var from: Double, to: Double

        /// init covers the values, and 0; a percentage axis runs at least from 0% to 100%.
        init(_ values: [Double], axis: Axis, from: Double, to: Double) {
            var low = min(0, values.min() ?? 0), high = max(0, values.max() ?? 0)
            if axis == .percentage { high = max(1, high) }
            if !(high > low) { high = low + 1 }
            // The span is taken in halves, because `high - low` overflows for values near the largest double.
            let rough = (high / 2 - low / 2) / 2.5
            let magnitude = pow(10, floor(log10(rough)))
            let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
            let first = floor(low / step + 1e-9), last = ceil(high / step - 1e-9)
            if first.isFinite && last.isFinite && last - first <= 20 && step > 0 {
                ticks = stride(from: first, through: last, by: 1).map { $0 * step }
            } else {
                ticks = [low, high]
            }
            self.low = ticks.first ?? low
            self.high = ticks.last ?? high
            self.from = from
            self.to = to
        }

        /// at is where a value stands.
        func at(_ d: Double) -> Double { from + (to - from) * (d / 2 - low / 2) / (high / 2 - low / 2) }
    }

    /// tickLabel writes a tick's value in the axis' unit.
    func tickLabel(_ t: Double, _ axis: Axis) -> String {
        let decimal = DecimalValue(approximating: t, maxScale: 6) ?? DecimalValue(0)
        switch axis {
        case .percentage: return options.numbers.format(.percentage(decimal)) ?? ""
        case .points: return options.numbers.format(.points(decimal)) ?? ""
        case .number:
            if t == t.rounded(), abs(t) < 9e15 { return options.numbers.format(.integer(Int64(t))) ?? "" }
            return DecimalValue(approximating: t, maxScale: 6).flatMap { options.numbers.format(.decimal($0)) } ?? formatDouble(t)
        }
    }

    /// unit names an axis' scale after its columns' names.
    static func unit(_ axis: Axis) -> String {
        switch axis {
        case .percentage: return " (%)"
        case .points: return " (percentage points)"
        case .number: return ""
        }
    }

    /// mixedNote says that a column's percentages are drawn as fractions because it mixes them with other numbers.
    func mixedNotes(_ values: [Int]) -> [String] {
        values.compactMap { c in
            axis(c) == .number && rows.contains(where: { $0[c].type == .percentage })
                ? "\(DisplayWidth.printable(columns[c].name)) mixes percentages with other numbers; its percentages are drawn as fractions (75% as 0.75)"
                : nil
        }
    }

    /// panels groups the columns by their axis, in the order they first come.
    func panels(_ values: [Int]) -> [(axis: Axis, columns: [Int])] {
        var out: [(axis: Axis, columns: [Int])] = []
        for c in values {
            let a = axis(c)
            if let i = out.firstIndex(where: { $0.axis == a }) { out[i].columns.append(c) } else { out.append((a, [c])) }
        }
        return out
    }

    static func names(_ columns: [ResultColumn], _ indices: [Int]) -> String {
        var seen: [String] = []
        for i in indices where !seen.contains(columns[i].name) { seen.append(columns[i].name) }
        return seen.joined(separator: ", ")
    }

    // MARK: Bars

    /// bars draws one band per row, labelled on the left, with a bar per numeric column; columns of different
    /// scales (counts and percentages) get panels side by side, each with its own axis.
    func bars(_ shape: ChartShape, _ svg: inout SVGCanvas) -> String {
        let drawn = Array(0..<min(rows.count, Self.maxBars))
        let labelName = columns[shape.label].name
        let title = Self.names(columns, shape.values) + " per " + labelName
        var y = heading(DisplayWidth.printable(title), &svg)
        let colours = Dictionary(uniqueKeysWithValues: shape.values.enumerated().map { ($1, Self.palette[$0 % Self.palette.count]) })
        var items = shape.values.map { LegendItem.bar(columns[$0].name, colour: colours[$0]!) }
        let cells = drawn.flatMap { r in shape.values.map { (r, $0) } }
        if let words = approximateWords(cells) { items.append(.approximate(words, line: false)) }
        y = legend(items, top: y + 6, &svg)

        let labels = drawn.map { r in DisplayWidth.printable((columns[shape.label].isYear ? rows[r][shape.label].display : options.numbers.format(rows[r][shape.label])) ?? "NULL") }
        let labelWidth = min(280, max(60, ((labels + [labelName]).map { SVGCanvas.estimate(DisplayWidth.printable($0), size: 14) }.max() ?? 0) * 1.08 + 8))
        let left = 24 + labelWidth + 10
        let groups = panels(shape.values)
        let gap = 36.0
        let panelWidth = (Self.width - 24 - left - gap * Double(groups.count - 1)) / Double(groups.count)
        let perBand = groups.map(\.columns.count).max() ?? 1
        // Bars are thick for a few rows, as on a slide, and thinner for many.
        let many = drawn.count > 16
        let barHeight = perBand == 1 ? (many ? 18.0 : 30) : perBand <= 3 ? (many ? 12 : 20) : (many ? 8 : 14)
        let band = Double(perBand) * barHeight + (many ? 8 : 14)
        let top = y + 30
        let bottom = top + band * Double(drawn.count)

        // Labels, each centred on its band; a label too long is shortened, and its whole text is its tooltip.
        for (i, label) in labels.enumerated() {
            let middle = top + band * Double(i) + band / 2 + 5
            svg.text(left - 10, middle, SVGCanvas.fitted(label, width: labelWidth, size: 14), size: 14, anchor: "end",
                     tooltip: SVGCanvas.estimate(label, size: 14) > labelWidth ? label : nil)
        }
        // The label column's name heads the labels, as the axis label of the rows.
        svg.text(left - 10, top - 10, SVGCanvas.fitted(DisplayWidth.printable(labelName), width: labelWidth, size: 14),
                 size: 14, weight: "bold", anchor: "end")

        for (p, group) in groups.enumerated() {
            let x0 = left + Double(p) * (panelWidth + gap)
            let valueRoom = min(110, max(40, (cells.filter { group.columns.contains($0.1) }.map { SVGCanvas.estimate(shown($0.0, $0.1), size: 13) }.max() ?? 0) + 10))
            let values = drawn.flatMap { r in group.columns.compactMap { rows[r][$0].asDouble } }.filter(\.isFinite)
            let scale = Scale(values, axis: group.axis, from: x0, to: x0 + max(40, panelWidth - valueRoom))
            for t in scale.ticks {
                let x = scale.at(t)
                svg.line(x, top, x, bottom, stroke: t == 0 ? "#888888" : "#e3e3e3", width: 1)
                svg.text(x, bottom + 18, tickLabel(t, group.axis), size: 12, fill: "#444444", anchor: "middle")
            }
            svg.line(scale.from, bottom, scale.to, bottom, stroke: "#888888", width: 1)
            let axisLabel = DisplayWidth.printable(Self.names(columns, group.columns)) + Self.unit(group.axis)
            svg.text((scale.from + scale.to) / 2, bottom + 40, SVGCanvas.fitted(axisLabel, width: panelWidth, size: 14),
                     size: 14, weight: "bold", anchor: "middle")
            let zero = scale.at(max(scale.low, min(scale.high, 0)))
            for (i, r) in drawn.enumerated() {
                let bandTop = top + band * Double(i) + (band - Double(perBand) * barHeight) / 2 + (Double(perBand - group.columns.count) * barHeight) / 2
                for (k, c) in group.columns.enumerated() {
                    let barTop = bandTop + Double(k) * barHeight
                    let text = shown(r, c)
                    var end = zero
                    if let d = rows[r][c].asDouble, d.isFinite {
                        end = scale.at(d)
                        let (x, w) = (min(zero, end), abs(end - zero))
                        if isApproximate(r, c) { svg.approximateBar(x, barTop + 1, w, barHeight - 2, colour: colours[c]!, tooltip: labels[i] + ": " + text) }
                        else { svg.rect(x, barTop + 1, w, barHeight - 2, fill: colours[c]!, tooltip: labels[i] + ": " + text) }
                    }
                    svg.text(max(end, zero) + 5, barTop + barHeight / 2 + 4.5, text, size: 13, fill: "#222222")
                }
            }
        }
        var notes = mixedNotes(shape.values)
        if total > drawn.count {
            notes.append("… and \(total - drawn.count) more rows not drawn, \(total) in all (an svg bar chart draws the first \(Self.maxBars) rows; --format csv or json writes every row)")
        }
        let height = footer(notes: notes, drawnRows: drawn, top: bottom + 48, &svg)
        return svg.document(width: Self.width, height: height, title: title)
    }

    // MARK: Lines

    /// lines draws a line per numeric column over the years, or, with a label column, a line per label (and column);
    /// columns of different scales get panels side by side, each with its own axis.
    func lines(x: Int, _ svg: inout SVGCanvas) -> String {
        let label = columns.indices.first { $0 != x && !columns[$0].type.alignsRight }
        let values = columns.indices.filter { $0 != x && columns[$0].type.alignsRight && !columns[$0].isYear }
        var series: [Series] = []
        var dropped = 0
        for (r, row) in rows.enumerated() {
            for c in values {
                let name = label.map { DisplayWidth.printable(row[$0].display ?? "NULL") + (values.count > 1 ? " · " + columns[c].name : "") } ?? columns[c].name
                if let i = series.firstIndex(where: { $0.name == name && $0.column == c }) { series[i].rows.append(r) }
                else if series.count < Self.maxSeries {
                    let n = series.count
                    series.append(Series(name: name, column: c, rows: [r], colour: Self.palette[n % Self.palette.count], dashed: n >= Self.palette.count))
                } else if c == values.first { dropped += 1 }
            }
        }
        for i in series.indices {
            series[i].rows.sort { (rows[$0][x].asDouble ?? 0) < (rows[$1][x].asDouble ?? 0) }
        }
        let xName = columns[x].name
        let title = Self.names(columns, values) + " per " + (label.map { columns[$0].name + " and " } ?? "") + xName
        var y = heading(DisplayWidth.printable(title), &svg)
        var items = series.map { LegendItem.line($0.name, colour: $0.colour, dashed: $0.dashed) }
        let cells = series.flatMap { s in s.rows.map { ($0, s.column) } }
        if let words = approximateWords(cells) { items.append(.approximate(words, line: true)) }
        y = legend(items, top: y + 6, &svg)

        let years = series.flatMap { s in s.rows.compactMap { rows[$0][x].asDouble } }.filter(\.isFinite)
        let (first, last) = (years.min() ?? 0, years.max() ?? 1)
        let groups = panels(values).map { g in (axis: g.axis, series: series.filter { g.columns.contains($0.column) }) }.filter { !$0.series.isEmpty }
        let gap = 40.0
        let panelWidth = (Self.width - 24 - 24 - 24 - gap * Double(groups.count - 1)) / Double(groups.count)
        let top = y + 20, plotHeight = 320.0
        let bottom = top + plotHeight
        for (p, group) in groups.enumerated() {
            let x0 = 48 + Double(p) * (panelWidth + gap)
            let ys = group.series.flatMap { s in s.rows.compactMap { rows[$0][s.column].asDouble } }.filter(\.isFinite)
            var scale = Scale(ys, axis: group.axis, from: bottom, to: top)
            let tickWidth = (scale.ticks.map { SVGCanvas.estimate(tickLabel($0, group.axis), size: 12) }.max() ?? 20) + 10
            let plotLeft = x0 + tickWidth, plotRight = x0 + panelWidth - 36
            scale.from = bottom
            let xAt = { (year: Double) in last > first ? plotLeft + 16 + (plotRight - plotLeft - 32) * (year - first) / (last - first) : (plotLeft + plotRight) / 2 }
            for t in scale.ticks {
                let ty = scale.at(t)
                svg.line(plotLeft, ty, plotRight, ty, stroke: t == 0 ? "#888888" : "#e3e3e3", width: 1)
                svg.text(plotLeft - 6, ty + 4, tickLabel(t, group.axis), size: 12, fill: "#444444", anchor: "end")
            }
            svg.line(plotLeft, top, plotLeft, bottom, stroke: "#888888", width: 1)
            // A tick per year, or per few years when there are many.
            let distinct = Array(Set(years)).sorted()
            let every = max(1, Int((Double(distinct.count) / 12).rounded(.up)))
            for (i, year) in distinct.enumerated() where i % every == 0 {
                svg.line(xAt(year), bottom, xAt(year), bottom + 5, stroke: "#888888", width: 1)
                let text = year == year.rounded() && abs(year) < 1e9 ? String(Int(year)) : formatDouble(year)
                svg.text(xAt(year), bottom + 20, text, size: 12, fill: "#444444", anchor: "middle")
            }
            svg.text((plotLeft + plotRight) / 2, bottom + 42, DisplayWidth.printable(xName), size: 14, weight: "bold", anchor: "middle")
            let axisLabel = DisplayWidth.printable(Self.names(columns, group.series.map(\.column))) + Self.unit(group.axis)
            svg.text(x0 - 14, (top + bottom) / 2, SVGCanvas.fitted(axisLabel, width: plotHeight, size: 14), size: 14,
                     weight: "bold", anchor: "middle", rotate: true)
            // Values are written beside their points when there are few; one that would cover another is left to
            // its point's tooltip.
            let labelled = group.series.allSatisfy { $0.rows.count <= 12 }
            var points: [(x: Double, y: Double, text: String)] = []
            for s in group.series {
                // A line is broken where a value is missing.
                var run: [(Double, Double)] = []
                func flush() {
                    if run.count > 1 { svg.polyline(run, stroke: s.colour, dashed: s.dashed) }
                    run = []
                }
                for r in s.rows {
                    guard let year = rows[r][x].asDouble, let d = rows[r][s.column].asDouble, d.isFinite, year.isFinite else { flush(); continue }
                    run.append((xAt(year), scale.at(d)))
                }
                flush()
                for r in s.rows {
                    guard let year = rows[r][x].asDouble, let d = rows[r][s.column].asDouble, d.isFinite, year.isFinite else { continue }
                    let (px, py) = (xAt(year), scale.at(d))
                    let text = shown(r, s.column)
                    let tip = s.name + ", " + (rows[r][x].display ?? "") + ": " + text
                    if isApproximate(r, s.column) { svg.circle(px, py, 5, fill: "#ffffff", stroke: s.colour, dashed: true, tooltip: tip) }
                    else { svg.circle(px, py, 4, fill: s.colour, stroke: s.colour, tooltip: tip) }
                    if labelled { points.append((px, py, text)) }
                }
            }
            // From the highest point of a year down, each value goes above its point, or below it when that would
            // cover the one above, so that the upper value is always the upper point's.
            var taken: [Double: [Double]] = [:]
            for p in points.sorted(by: { ($0.x, $0.y) < ($1.x, $1.y) }) {
                guard let y = [p.y - 10, p.y + 20].first(where: { y in taken[p.x, default: []].allSatisfy { abs($0 - y) >= 15 } }) else { continue }
                taken[p.x, default: []].append(y)
                svg.text(p.x, y, p.text, size: 12, fill: "#222222", anchor: "middle")
            }
        }
        var notes = mixedNotes(values)
        let drawnRows = Set(series.flatMap(\.rows))
        if dropped > 0 || total > rows.count {
            let missing = total - drawnRows.count
            notes.append("… and \(missing) more rows not drawn, \(total) in all (an svg line chart draws \(Self.maxSeries) lines of the first \(SVGSink.maxRows) rows; --format csv or json writes every row)")
        }
        let height = footer(notes: notes, drawnRows: drawnRows.sorted(), top: bottom + 50, &svg)
        return svg.document(width: Self.width, height: height, title: title)
    }
}

/// SVGCanvas gathers the elements of one document, every text escaped.
struct SVGCanvas {
    private var body = ""
    private var hatched = false

    /// number writes a coordinate with at most one decimal.
    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "0" }
        let r = (d * 10).rounded() / 10
        return r == r.rounded() && abs(r) < 1e15 ? String(Int(r)) : String(r)
    }

    /// escape writes text as XML character data or an attribute value, as HTML output escapes it.
    static func escape(_ s: String) -> String { HTMLSink.escape(s) }

    /// widthPerCell is about how wide a character of a sans-serif face is, as a part of its size; a little wider
    /// than most lower-case text, so that what is measured to fit does.
    static let widthPerCell = 0.52

    /// estimate is about how wide a text is drawn in a sans-serif face of `size`.
    static func estimate(_ s: String, size: Double) -> Double { Double(DisplayWidth.of(s)) * size * widthPerCell }

    /// fitted shortens a text with `…` until it fits `width`; `perCell` is wider for a monospace face.
    static func fitted(_ s: String, width: Double, size: Double, perCell: Double = widthPerCell) -> String {
        guard Double(DisplayWidth.of(s)) * size * perCell > width else { return s }
        let cells = max(1, Int(width / (size * perCell)) - 1)
        return DisplayWidth.truncate(s, to: cells)
    }

    /// wrapped breaks a text into lines that fit `width`, at spaces where it can.
    static func wrapped(_ s: String, width: Double, size: Double) -> [String] {
        let cells = max(10, Int(width / (size * widthPerCell)))
        var lines: [String] = []
        var line = ""
        for word in s.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if DisplayWidth.of(candidate) <= cells || line.isEmpty { line = candidate } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.flatMap { l -> [String] in
            // A word longer than a line is cut, not left to run off the picture.
            var rest = Substring(l), out: [String] = []
            while DisplayWidth.of(String(rest)) > cells {
                let piece = DisplayWidth.truncate(String(rest), to: cells + 1).dropLast()
                if piece.isEmpty { break }
                out.append(String(piece))
                rest = rest.dropFirst(piece.count)
            }
            return out + [String(rest)]
        }
    }

    private static func tip(_ tooltip: String?) -> String {
        tooltip.map { "<title>" + escape($0) + "</title>" } ?? ""
    }

    mutating func text(_ x: Double, _ y: Double, _ s: String, size: Double, weight: String? = nil, fill: String = "#222222",
                       anchor: String = "start", family: String? = nil, rotate: Bool = false, tooltip: String? = nil) {
        var attributes = "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(size))\" fill=\"\(fill)\""
        if anchor != "start" { attributes += " text-anchor=\"\(anchor)\"" }
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if let family { attributes += " font-family=\"\(family)\"" }
        if rotate { attributes += " transform=\"rotate(-90 \(Self.number(x)) \(Self.number(y)))\"" }
        body += "<text \(attributes)>\(Self.tip(tooltip))\(Self.escape(s))</text>\n"
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, tooltip: String? = nil) {
        body += "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(0, w)))\" height=\"\(Self.number(max(0, h)))\" fill=\"\(fill)\">\(Self.tip(tooltip))</rect>\n"
    }

    /// approximateBar is a bar in a lighter shade of its colour, hatched, with an outline.
    mutating func approximateBar(_ x: Double, _ y: Double, _ w: Double, _ h: Double, colour: String, tooltip: String? = nil) {
        hatched = true
        let place = "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(0, w)))\" height=\"\(Self.number(max(0, h)))\""
        body += "<g class=\"approximate\">\(Self.tip(tooltip))<rect \(place) fill=\"\(colour)\" fill-opacity=\"0.45\"/>"
            + "<rect \(place) fill=\"url(#hatch)\"/><rect \(place) fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\"/></g>\n"
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double, dashed: Bool = false) {
        body += "<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\"\(dashed ? " stroke-dasharray=\"6 4\"" : "")/>\n"
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, dashed: Bool) {
        let list = points.map { Self.number($0.0) + "," + Self.number($0.1) }.joined(separator: " ")
        body += "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"3\" stroke-linejoin=\"round\"\(dashed ? " stroke-dasharray=\"8 5\"" : "")/>\n"
    }

    mutating func circle(_ x: Double, _ y: Double, _ r: Double, fill: String, stroke: String, dashed: Bool = false, tooltip: String? = nil) {
        body += "<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(r))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"2\"\(dashed ? " stroke-dasharray=\"2 2\"" : "")>\(Self.tip(tooltip))</circle>\n"
    }

    /// document wraps the elements in a standalone SVG of the given size, on a white ground, with its title.
    func document(width: Double, height: Double, title: String) -> String {
        let (w, h) = (Self.number(width), Self.number(height.rounded(.up)))
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" font-family=\"sans-serif\" role=\"img\">\n"
        out += "<title>\(Self.escape(DisplayWidth.printable(title)))</title>\n"
        if hatched {
            out += "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                + "<rect width=\"3\" height=\"6\" fill=\"#ffffff\" fill-opacity=\"0.75\"/></pattern></defs>\n"
        }
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        return out + body + "</svg>\n"
    }
}

/// SVGSink holds a result's rows, up to SVGSink.maxRows, with their provenance, and writes the chart at the end; past
/// that it counts the rest, and the chart says how many it left out.
final class SVGSink: RowLimitedSink {
    static let maxRows = 1000
    let options: RenderOptions
    let out: (String) -> Void
    private var header = ResultHeader(columns: [])
    private var rows: [[Value]] = []
    private var qualifiers: [[String?]] = []
    private var origins: [RowOrigin?] = []
    private var count = 0

    var rowLimit: Int { Self.maxRows }

    init(options: RenderOptions, write: @escaping (String) -> Void) {
        self.options = options
        out = write
    }

    func begin(_ header: ResultHeader) { self.header = header }

    func write(_ chunk: RowChunk) {
        let room = max(0, rowLimit - rows.count)
        for r in 0..<min(room, chunk.rows.count) {
            rows.append(chunk.rows[r])
            qualifiers.append(r < chunk.qualifiers.count ? chunk.qualifiers[r] : [])
            origins.append(chunk.origins.flatMap { r < $0.count ? $0[r] : nil })
        }
        count += chunk.rows.count
    }

    func passOver(_ more: Int) { count += more }

    func finish() {
        out(SVGChart(options: options, columns: header.columns, rows: rows, qualifiers: qualifiers, origins: origins,
                     statement: header.statement, total: count, provenance: header.provenance).document())
        rows = []
        qualifiers = []
        origins = []
    }
}
