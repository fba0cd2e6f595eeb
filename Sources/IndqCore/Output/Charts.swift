// Charts for a person who would rather look than read: horizontal bars in eighth-blocks (`bar`) and sparklines
// over the years (`spark`). Both scale to the terminal width, put percentages on a 0–100% axis, and print values.

/// BarChart draws one bar per row for each numeric column, labelled by the first text (or first) column.
public struct BarChart {
    public var options: RenderOptions
    var numbers: NumberStyle { options.numbers }

    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    /// render draws the chart, or explains why the result cannot be drawn and shows it as a table.
    public func render(_ result: ResultSet) -> String {
        collected { write in withoutActuallyEscaping(write) { result.feed(ChartSink(.bar, options: options, write: $0)) } }
    }

    /// draw draws the rows, in a shape ChartShape found.
    func draw(_ columns: [ResultColumn], _ rows: [[Value]], _ shape: ChartShape) -> String {
        let labels = rows.map { DisplayWidth.printable(($0[shape.label].display ?? "NULL")) }
        let labelWidth = min(30, labels.map(DisplayWidth.of).max() ?? 0)
        var out = ""
        for c in shape.values {
            let column = columns[c]
            let values = rows.map { $0[c] }
            let shown = values.map { numbers.format($0) ?? "NULL" }
            let valueWidth = shown.map(DisplayWidth.of).max() ?? 0
            let width = max(10, (options.maxWidth ?? 80) - labelWidth - valueWidth - 4)
            // Percentages share one axis, 0% to 100%; other numbers run from 0 to the largest magnitude.
            let isPercent = column.type == .percentage || values.allSatisfy { $0.type == .percentage || $0.isNull }
            let top = isPercent ? max(1, values.compactMap(\.asDouble).map(abs).max() ?? 1)
                                : values.compactMap(\.asDouble).map(abs).max() ?? 0
            out += (options.color ? ANSI.bold : "") + column.name + (options.color ? ANSI.reset : "") + "\n"
            for (r, v) in values.enumerated() {
                let label = DisplayWidth.truncate(labels[r], to: labelWidth)
                out += label + String(repeating: " ", count: labelWidth - DisplayWidth.of(label)) + " │"
                var bar = ""
                if let d = v.asDouble, top > 0 {
                    // abs(d) ≤ top, so the fraction is at most 1; a value that is not finite draws no bar.
                    let fraction = abs(d) / top
                    let units = fraction.isFinite ? Int((Swift.min(1, fraction) * Double(width) * 8).rounded()) : 0
                    bar = String(repeating: "█", count: units / 8)
                    if units % 8 > 0 { bar.append(Self.eighths[units % 8 - 1]) }
                    if d < 0 { bar = String(repeating: "░", count: max(1, bar.count)) }
                }
                out += (options.color && !bar.isEmpty ? "\u{1B}[36m" + bar + ANSI.reset : bar) + " " + shown[r] + "\n"
            }
            // Percentage points run from 0 like other numbers, but their axis says pp.
            let isPoints = !isPercent && (column.type == .points || values.allSatisfy { $0.type == .points || $0.isNull })
            let topFraction = DecimalValue(approximating: top, maxScale: 6) ?? DecimalValue(0)
            let axisEnd = isPercent ? formatPercentage(topFraction)
                : isPoints ? numbers.format(.points(topFraction)) ?? ""
                : numbers.format(.double(top)).map { $0.hasSuffix(".0") ? String($0.dropLast(2)) : $0 } ?? ""
            let start = isPercent ? "0%" : isPoints ? "0 pp" : "0"
            out += String(repeating: " ", count: labelWidth) + " └" + start
                + String(repeating: "─", count: max(1, width - start.count - axisEnd.count)) + axisEnd + "\n"
        }
        return out
    }
}

/// SparkChart draws, per label, one line of the figure over the years: `studenten  2019 ▇▁█ 2021`.
public struct SparkChart {
    public var options: RenderOptions
    var numbers: NumberStyle { options.numbers }

    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// level is the block (0…7) for `d` between `low` and `high`. The span is taken in halves, because `high - low`
    /// overflows to infinity for values near the largest double; anything not finite is clamped, never converted.
    static func level(_ d: Double, low: Double, high: Double) -> Int {
        guard high > low else { return 3 }
        let span = high - low
        let scaled = (span.isFinite ? (d - low) / span : (d / 2 - low / 2) / (high / 2 - low / 2)) * 7
        guard scaled.isFinite else { return scaled == .infinity ? 7 : 0 }
        return Swift.min(7, Swift.max(0, Int(scaled.rounded())))
    }

    /// render draws the sparklines, or explains why it cannot and shows a table.
    public func render(_ result: ResultSet) -> String {
        collected { write in withoutActuallyEscaping(write) { result.feed(ChartSink(.spark, options: options, write: $0)) } }
    }

    /// axes finds the year (or date, or first integer) column and the numeric column to draw, if the columns have them.
    static func axes(_ columns: [ResultColumn]) -> (x: Int, y: Int)? {
        guard let x = columns.firstIndex(where: \.isYear) ?? columns.firstIndex(where: { $0.type == .date })
                ?? columns.firstIndex(where: { $0.type == .integer }),
              let y = columns.indices.last(where: { $0 != x && columns[$0].type.alignsRight }) else { return nil }
        return (x, y)
    }

    /// draw draws the rows over the axes that `axes` found.
    func draw(_ columns: [ResultColumn], _ rows: [[Value]], x: Int, y: Int) -> String {
        let label = columns.indices.first { $0 != x && $0 != y && !columns[$0].type.alignsRight }
        var series: [(name: String, points: [(x: Value, y: Value)])] = []
        for row in rows {
            let name = label.map { row[$0].display ?? "NULL" } ?? columns[y].name
            if let i = series.firstIndex(where: { $0.name == name }) { series[i].points.append((row[x], row[y])) }
            else { series.append((name, [(row[x], row[y])])) }
        }
        let nameWidth = series.map { DisplayWidth.of($0.name) }.max() ?? 0
        var out = ""
        for s in series {
            let points = s.points.sorted { (SQL.compare($0.x, $1.x) ?? 0) < 0 }
            let ys = points.compactMap { $0.y.asDouble }
            let (low, high) = (ys.min() ?? 0, ys.max() ?? 0)
            var line = ""
            for p in points {
                guard let d = p.y.asDouble else { line.append(" "); continue }
                line.append(Self.levels[Self.level(d, low: low, high: high)])
            }
            func shown(_ v: Value) -> String { numbers.format(v) ?? "NULL" }
            // Years are written plainly: 2019, never 2.019.
            let first = points.first?.x.display ?? "", last = points.last?.x.display ?? ""
            let minPoint = points.first { $0.y.asDouble == low }, maxPoint = points.first { $0.y.asDouble == high }
            out += s.name + String(repeating: " ", count: nameWidth - DisplayWidth.of(s.name)) + "  "
                + first + " " + (options.color ? "\u{1B}[36m" + line + ANSI.reset : line) + " " + last
                + "  min " + (minPoint.map { shown($0.y) + " (" + ($0.x.display ?? "") + ")" } ?? "NULL")
                + "  max " + (maxPoint.map { shown($0.y) + " (" + ($0.x.display ?? "") + ")" } ?? "NULL") + "\n"
        }
        return out
    }
}

/// ChartShape finds the label column and the numeric columns of a result.
struct ChartShape {
    var label: Int
    var values: [Int]

    init?(_ columns: [ResultColumn]) {
        let numeric = columns.indices.filter { columns[$0].type.alignsRight }
        guard let label = columns.indices.first(where: { !columns[$0].type.alignsRight })
                ?? (numeric.count >= 2 ? numeric.first : nil) else { return nil }
        // With a text label, a year column is a coordinate, not a quantity to draw.
        let textLabel = !columns[label].type.alignsRight
        let values = numeric.filter { $0 != label && !(textLabel && columns[$0].isYear) }
        guard !values.isEmpty else { return nil }
        self.label = label
        self.values = values
    }
}

/// ChartSink draws a bar chart or sparklines once the rows are in. Charts are small by nature, so it holds their
/// rows, up to ChartSink.maxRows; past that it draws those and counts the rest. Columns that cannot be drawn are
/// said so at once and shown as a table, which holds only its own row limit.
final class ChartSink: RowLimitedSink {
    /// maxRows bounds the rows a chart holds and draws.
    static let maxRows = 10_000
    enum Kind { case bar, spark }
    let kind: Kind
    let options: RenderOptions
    let out: (String) -> Void
    private var columns: [ResultColumn] = []
    private var rows: [[Value]] = []
    private var count = 0
    private var shown = 0
    private var drawn = false
    /// table, when set, is where the rows go instead.
    private var table: TableSink?

    var rowLimit: Int { table?.rowLimit ?? ChartSink.maxRows }

    init(_ kind: Kind, options: RenderOptions, write: @escaping (String) -> Void) {
        self.kind = kind
        self.options = options
        out = write
    }

    func begin(_ header: ResultHeader) {
        columns = header.columns
        let drawable = kind == .bar ? ChartShape(columns) != nil : SparkChart.axes(columns) != nil
        if !drawable {
            out(kind == .bar ? "(a bar chart needs a label column and at least one numeric column; shown as a table)\n"
                             : "(a sparkline needs a year or date column and a numeric column; shown as a table)\n")
            table = TableSink(options: options, write: out)
            table?.begin(header)
        }
    }

    func write(_ chunk: RowChunk) {
        if let table { return table.write(chunk) }
        guard !drawn else { return passOver(chunk.rows.count) }
        let room = rowLimit - count
        rows += chunk.rows.prefix(room)
        count += min(room, chunk.rows.count)
        if chunk.rows.count > room { passOver(chunk.rows.count - room) }
    }

    func passOver(_ more: Int) {
        if let table { return table.passOver(more) }
        if !drawn && more > 0 { draw() }
        count += more
    }

    func finish() {
        if let table { return table.finish() }
        if !drawn { return draw() }
        out("… and \(count - shown) more rows, \(count) in all "
            + "(a chart draws at most \(rowLimit) rows; --format csv or json writes every row)\n")
    }

    /// draw writes the chart of the rows held and lets them go.
    private func draw() {
        drawn = true
        shown = rows.count
        switch kind {
        case .bar: if let shape = ChartShape(columns) { out(BarChart(options: options).draw(columns, rows, shape)) }
        case .spark: if let (x, y) = SparkChart.axes(columns) { out(SparkChart(options: options).draw(columns, rows, x: x, y: y)) }
        }
        rows = []
    }
}
