// Tests of the svg format: each document is well-formed XML whose texts hold the labels, the values and the source
// of the rows, and a headless browser draws it as a chart of the right size. Without a browser the drawing test is
// skipped; in CI (CI set) a missing browser is a failure.

import CZlib
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import IndqCore

/// SVGDocument is a parsed svg chart: its root's attributes, the text of each `<text>` element and how many
/// elements of each name it has.
struct SVGDocument {
    var root: [String: String] = [:]
    var texts: [String] = []
    var counts: [String: Int] = [:]
    var classes: [String: Int] = [:]

    /// parse reads one document strictly; nil, with the parser's error recorded, when it is not well-formed XML.
    static func parse(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> SVGDocument? {
        let reader = Reader()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = reader
        guard parser.parse() else {
            Issue.record("not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)", sourceLocation: sourceLocation)
            return nil
        }
        return reader.document
    }

    final class Reader: NSObject, XMLParserDelegate {
        var document = SVGDocument()
        private var text: String?
        private var depth = 0

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if document.root.isEmpty && name == "svg" { document.root = attributes }
            document.counts[name, default: 0] += 1
            if let c = attributes["class"] { document.classes[c, default: 0] += 1 }
            if name == "text" { text = "" }
            // A tooltip inside a text is not the text's own words.
            if name == "title" && text != nil { depth += 1 }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if depth == 0 { text? += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "title" && depth > 0 { depth -= 1 }
            if name == "text", let t = text {
                document.texts.append(t)
                text = nil
            }
        }
    }
}

/// svg runs a script in the svg format and returns what it wrote and reported.
func svg(_ script: String) -> (out: String, err: String, outcome: Session.RunOutcome) {
    var out = ""
    var err = ""
    var session = Session(format: .svg, write: { out += $0 }, writeError: { err += $0 })
    let outcome = session.run(SourceText(script), stopOnError: false)
    return (out, err, outcome)
}

@Suite struct SVGTests {
    static let doneWhen = "select categorie, inwilligingen from regulier where year = 2021"

    /// The chart of the done-when query is one standalone document: its bars are labelled with the categories and
    /// their percentages, on a 0–100% axis, with the title, the query and the source of its rows.
    @Test func aBarChartHoldsItsLabelsValuesAndSource() throws {
        let r = svg(Self.doneWhen)
        #expect(r.err == "")
        #expect(r.out.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(r.out.components(separatedBy: "<svg ").count == 2)
        let doc = try #require(SVGDocument.parse(r.out))
        #expect(doc.root["xmlns"] == "http://www.w3.org/2000/svg")
        let (width, height) = (try #require(doc.root["width"]), try #require(doc.root["height"]))
        #expect(doc.root["viewBox"] == "0 0 \(width) \(height)")
        #expect(!r.out.contains("href"), "a standalone chart links to nothing")
        let texts = doc.texts
        #expect(texts.first == "inwilligingen per categorie")
        #expect(texts.contains(Self.doneWhen))
        let expected = try Session.rows(Self.doneWhen)
        #expect(expected.count == 5)
        for row in expected {
            #expect(texts.contains(row[0].display!), "label \(row[0])")
            #expect(texts.contains(row[1].display!), "value \(row[1])")
        }
        #expect(doc.counts["rect", default: 0] >= 1 + 1 + expected.count, "the ground, a legend swatch and a bar per row")
        for tick in ["0%", "20%", "40%", "60%", "80%", "100%"] { #expect(texts.contains(tick), "\(tick)") }
        #expect(texts.contains("inwilligingen (%)"))
        #expect(texts.contains("categorie"))
        let source = texts.filter { $0.hasPrefix("Bron: ") }
        #expect(source.count == 1)
        #expect(source.first?.hasPrefix("Bron: IND Jaarverslag 2021, Cijfers Familie en gezin; Cijfers Kennis en talent; ") == true, "\(source)")
        // The source names the tables of the rows' own provenance, each once.
        let all = texts.drop { !$0.hasPrefix("Bron: ") }.joined(separator: " ")
        for table in ["Cijfers Start-ups", "Cijfers Studenten", "Cijfers Arbeidsmigranten"] {
            #expect(all.components(separatedBy: table).count == 2, "\(table) in \(all)")
        }
    }

    /// Rows over two or more years are lines: one per numeric column, with the years on the axis and the values at
    /// their points.
    @Test func rowsOverTheYearsAreALineChart() throws {
        let r = svg("select year, aanvragen, beslissingen from studenten")
        let doc = try #require(SVGDocument.parse(r.out))
        #expect(doc.counts["polyline"] == 2)
        #expect(doc.texts.first == "aanvragen, beslissingen per year")
        for year in ["2019", "2020", "2021"] { #expect(doc.texts.contains(year)) }
        for row in try Session.rows("select aanvragen, beslissingen from studenten") {
            for v in row { #expect(doc.texts.contains(v.display!), "\(v)") }
        }
        #expect(doc.texts.contains("aanvragen"))
        #expect(doc.texts.contains("beslissingen"))
        #expect(doc.texts.contains("Bron: IND Jaarverslag 2021, Cijfers Studenten"))
        // One year is no line: the rows are bars.
        let one = try #require(SVGDocument.parse(svg("select year, categorie, aanvragen from regulier where year = 2021").out))
        #expect(doc.counts["polyline"] != nil && one.counts["polyline"] == nil)
        #expect(one.texts.first == "aanvragen per categorie")
    }

    /// A line per label, for a label column beside the years; percentages on a 0–100% axis.
    @Test func aLinePerLabel() throws {
        let doc = try #require(SVGDocument.parse(svg("select categorie, year, inwilligingen from regulier").out))
        #expect(doc.counts["polyline"] == 5)
        #expect(doc.texts.contains("0%") && doc.texts.contains("100%"))
        for name in ["familie_en_gezin", "studenten", "arbeidsmigranten"] { #expect(doc.texts.contains(name)) }
    }

    /// Counts and percentages side by side each get their own axis.
    @Test func differentScalesGetTheirOwnAxes() throws {
        let doc = try #require(SVGDocument.parse(svg("select categorie, aanvragen, inwilligingen from regulier where year = 2021").out))
        #expect(doc.texts.contains("aanvragen") && doc.texts.contains("inwilligingen (%)"))
        #expect(doc.texts.contains("42690") && doc.texts.contains("82%"))
        #expect(doc.texts.contains("100%") && doc.texts.contains("50000"))
    }

    /// A figure the report gives as approximate is hatched and written ≈, and the legend says why.
    @Test func approximateFiguresAreMarked() throws {
        let query = "select onderwerp, waarde from kerncijfers where eenheid = 'aantal' and year = 2021 order by waarde desc limit 6"
        let doc = try #require(SVGDocument.parse(svg(query).out))
        let rows = try Session.rows(query)
        let words = try Session.rows(query.replacingAll("waarde from", with: "waarde, kwalificatie from")).filter { !$0[2].isNull }
        #expect(words.count == 3, "the six largest counts of 2021 hold three approximate figures")
        // A hatched bar for each, and the legend's swatch.
        #expect(doc.classes["approximate"] == words.count + 1)
        #expect(doc.texts.contains { $0.hasPrefix("≈ approximate: the report says ") })
        for row in rows {
            let value = row[1].display!
            #expect(doc.texts.contains(value) || doc.texts.contains("≈" + value), "\(value)")
        }
        #expect(doc.texts.contains("≈20000"))
        // A sum over an approximate figure is approximate too.
        let sum = try #require(SVGDocument.parse(svg("select year, sum(waarde) as totaal from kerncijfers where eenheid = 'aantal' group by year").out))
        #expect(sum.texts.contains { $0.contains("computed from figures the report gives as approximate") })
    }

    /// Text is escaped: a label with markup characters is read back as it was.
    @Test func textIsEscaped() throws {
        let label = "a & b < c > d \"e\" 'f'"
        let r = svg("select '\(label.replacingAll("'", with: "''"))' as \"x & <y>\", 5 as n")
        let doc = try #require(SVGDocument.parse(r.out))
        #expect(doc.texts.contains(label))
        #expect(doc.texts.contains("x & <y>"))
    }

    /// A constant names no source; a file names its file.
    @Test func theSourceIsTheRowsOwn() throws {
        let constant = try #require(SVGDocument.parse(svg("select 'a' as t, 1 as n").out))
        #expect(constant.texts.contains { $0.hasPrefix("Bron: none: these values are not read straight from a report dataset or a file") })
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("indq-svg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("maanden.csv").path
        try "maand,aantal\njan,3\nfeb,5\n".write(toFile: file, atomically: true, encoding: .utf8)
        let fromFile = try #require(SVGDocument.parse(svg("select maand, aantal from '\(file)'").out))
        #expect(fromFile.texts.contains("Bron: \(file)"), "\(fromFile.texts)")
        #expect(fromFile.texts.contains("feb") && fromFile.texts.contains("5"))
        // A join names each table its rows come from.
        let joined = try #require(SVGDocument.parse(svg("select s.year, s.aanvragen, k.aanvragen as kennis from studenten s join kennis_en_talent k using (year)").out))
        let source = joined.texts.drop { !$0.hasPrefix("Bron: ") }.joined(separator: " ")
        #expect(source.contains("Cijfers Studenten") && source.contains("Cijfers Kennis en talent"), "\(source)")
    }

    /// `.last` keeps the rows without their provenance, and its chart says so; a listing that cannot be drawn is an
    /// error, as a query is.
    @Test func lastSaysItKeptNoSource() throws {
        let r = svg("select year, aanvragen from studenten;\n.last\ndescribe studenten;\n")
        let documents = r.out.components(separatedBy: "<?xml ").dropFirst().map { "<?xml " + $0 }
        #expect(documents.count == 2)
        let last = try #require(SVGDocument.parse(documents.last ?? ""))
        #expect(last.texts.contains("Bron: not kept with these rows: run the query itself to have its source named"))
        #expect(r.err.hasPrefix("error: an svg chart needs a label column"), "\(r.err)")
    }

    /// A result without a numeric column is an error that says what a chart needs, and nothing is written.
    @Test func aResultThatCannotBeDrawnIsAnError() {
        let r = svg("select categorie from regulier where year = 2021;\nselect 'x' as t;\n")
        #expect(r.out == "")
        #expect(r.outcome == .failure)
        #expect(r.err.components(separatedBy: "error: an svg chart needs a label column and at least one numeric column").count == 3, "\(r.err)")
        #expect(r.err.contains("the result has categorie (text)"))
    }

    /// Values at the ends of the doubles, nulls, negative numbers and huge years draw a chart, never a trap.
    @Test func extremeValuesAreDrawn() throws {
        for query in ["select 'a' as t, 1e308 as n union all select 'b', -1e308 union all select 'c', null",
                      "select 'a' as t, 5e-324 as n", "select 'a' as t, -3 as n, 2 as m",
                      "select range * 100000000000 as year, range as n from range(3)",
                      "select 'x' as t, 0.0 as n", "select 'x' as t, -5% as p",
                      "select '\(String(repeating: "ab", count: 400))' as t, 1 as n"] {
            let r = svg(query)
            #expect(r.outcome == .success, "\(query): \(r.err)")
            #expect(SVGDocument.parse(r.out) != nil, "\(query)")
        }
    }

    /// Many rows are bounded: the chart draws the first, and says how many it left out.
    @Test func manyRowsAreBounded() throws {
        let doc = try #require(SVGDocument.parse(svg("select range, range * 2 as twice from range(5000)").out))
        #expect(doc.texts.contains { $0.hasPrefix("… and 4940 more rows not drawn, 5000 in all") })
        #expect(doc.counts["rect", default: 0] < 100)
    }

    /// `.format svg` with `.once FILE` writes one document to the file; the statements after it go to the screen,
    /// each its own document.
    @Test func onceWritesOneChart() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("indq-svg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("chart.svg").path
        var out = ""
        var err = ""
        var session = Session(format: .table, write: { out += $0 }, writeError: { err += $0 })
        session.run(SourceText(".format svg\n.once \(path)\n\(Self.doneWhen);\nselect 1 as a, 2 as b;\nselect 3 as a, 4 as b;\n"))
        session.endRedirect()
        #expect(err == "")
        let file = try String(contentsOfFile: path, encoding: .utf8)
        let doc = try #require(SVGDocument.parse(file))
        #expect(doc.texts.contains("studenten"))
        let documents = out.components(separatedBy: "<?xml ").dropFirst()
        #expect(documents.count == 2)
        for d in documents { #expect(SVGDocument.parse("<?xml " + d) != nil) }
    }

    /// `.once FILE.svg` writes the next statement as a chart whatever the format, and the format is as before after it.
    @Test func onceToAnSVGFileWritesAChart() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("indq-svg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("Chart.SVG").path
        var out = ""
        var err = ""
        var session = Session(format: .csv, write: { out += $0 }, writeError: { err += $0 })
        session.run(SourceText(".once '\(path)'\n\(Self.doneWhen);\nselect 1 as a;\n.once \(path).txt\nselect 2 as b;\n"))
        session.endRedirect()
        #expect(err == "")
        #expect(out == "a\n1\n")
        #expect(session.format == .csv)
        let doc = try #require(SVGDocument.parse(try String(contentsOfFile: path, encoding: .utf8)))
        #expect(doc.texts.first == "inwilligingen per categorie")
        #expect(try String(contentsOfFile: path + ".txt", encoding: .utf8) == "b\n2\n")
    }

    // MARK: In a browser

    static let browser = ["chromium", "chromium-browser"].lazy.compactMap(findExecutable).first
    static let inCI = !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty

    /// In CI a missing browser fails, so that the drawing test cannot pass by being skipped.
    @Test(.enabled(if: browser == nil && inCI, "a browser is on PATH, or this is not CI"))
    func ciHasABrowser() {
        Issue.record("chromium not found on PATH, and CI is set: the svg drawing test must run in CI (apt-get install chromium)")
    }

    /// A headless browser draws the done-when chart: the screenshot has the document's size, is not blank, and
    /// shows the bars in their colour among the other colours of a chart.
    @Test(.enabled(if: browser != nil, "chromium not found on PATH: the svg drawing test did not run"), .timeLimit(.minutes(1)))
    func aBrowserDrawsTheChart() throws {
        let r = svg(Self.doneWhen)
        let doc = try #require(SVGDocument.parse(r.out))
        let width = try #require(Int(doc.root["width"] ?? "")), height = try #require(Int(doc.root["height"] ?? ""))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("indq-svg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let chart = dir.appendingPathComponent("chart.svg"), shot = dir.appendingPathComponent("chart.png")
        try r.out.write(to: chart, atomically: true, encoding: .utf8)
        let status = try Self.run(Self.browser!, ["--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
                                                  "--no-first-run", "--user-data-dir=" + dir.appendingPathComponent("profile").path,
                                                  "--screenshot=" + shot.path, "--window-size=\(width),\(height)", chart.absoluteString],
                                  timeout: 45)
        #expect(status == 0)
        let image = try PNGImage(Data(contentsOf: shot))
        #expect(image.width == width && image.height == height)
        var white = 0, bar = 0
        var colours = Set<Int>()
        for y in 0..<image.height {
            for x in 0..<image.width {
                let (red, green, blue) = image.pixel(x, y)
                if red > 245 && green > 245 && blue > 245 { white += 1 }
                // The bars' blue, #0072B2, within what smoothing changes.
                if abs(red - 0x00) < 12 && abs(green - 0x72) < 12 && abs(blue - 0xB2) < 12 { bar += 1 }
                colours.insert((red >> 4) << 8 | (green >> 4) << 4 | blue >> 4)
            }
        }
        let all = width * height
        #expect(white < all * 9 / 10, "not blank: \(all - white) of \(all) pixels are not white")
        #expect(white > all / 2, "a chart on a white ground")
        // Five bars of 28 pixels, from 0% to their percentage of about 700 pixels, cover more than 50,000 pixels.
        #expect(bar > 50_000, "\(bar) pixels of the bars' colour")
        #expect(colours.count >= 8, "\(colours.count) colours")
    }

    /// run runs a program, and stops it after `timeout` seconds; it returns its exit status.
    static func run(_ executable: String, _ arguments: [String], timeout: Double) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Issue.record("the browser did not finish within \(timeout) seconds")
        }
        return process.terminationStatus
    }
}

/// PNGImage reads an 8-bit RGB or RGBA PNG file, as a browser's screenshot is: its chunks, the image data inflated by
/// zlib and each row unfiltered.
struct PNGImage {
    var width = 0, height = 0
    private var channels = 3
    private var pixels: [UInt8] = []

    struct Malformed: Error, CustomStringConvertible { let description: String }

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count > 8, bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { throw Malformed(description: "not a PNG file") }
        func u32(_ i: Int) -> Int { Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) }
        var i = 8
        var compressed: [UInt8] = []
        var depth = 0, type = 0, interlace = 0
        while i + 8 <= bytes.count {
            let length = u32(i), name = String(decoding: bytes[i + 4..<i + 8], as: UTF8.self)
            guard i + 12 + length <= bytes.count else { throw Malformed(description: "a chunk runs past the end") }
            let body = i + 8
            switch name {
            case "IHDR":
                (width, height, depth, type, interlace) = (u32(body), u32(body + 4), Int(bytes[body + 8]), Int(bytes[body + 9]), Int(bytes[body + 12]))
            case "IDAT": compressed += bytes[body..<body + length]
            default: break
            }
            if name == "IEND" { break }
            i = body + length + 4
        }
        guard depth == 8, type == 2 || type == 6, interlace == 0 else {
            throw Malformed(description: "a PNG of bit depth \(depth), colour type \(type), interlace \(interlace): this reader takes 8-bit RGB or RGBA")
        }
        channels = type == 6 ? 4 : 3
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        var size = uLongf(raw.count)
        let result = raw.withUnsafeMutableBufferPointer { out in
            compressed.withUnsafeBufferPointer { input in
                uncompress(out.baseAddress, &size, input.baseAddress, uLong(input.count))
            }
        }
        guard result == Z_OK, Int(size) == raw.count else { throw Malformed(description: "the image data does not inflate to its size (\(result))") }
        pixels = [UInt8](repeating: 0, count: height * stride)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            for x in 0..<stride {
                let value = Int(raw[y * (stride + 1) + 1 + x])
                let a = x >= channels ? Int(pixels[y * stride + x - channels]) : 0
                let b = y > 0 ? Int(pixels[(y - 1) * stride + x]) : 0
                let c = x >= channels && y > 0 ? Int(pixels[(y - 1) * stride + x - channels]) : 0
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                    predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw Malformed(description: "unknown filter \(filter) in row \(y)")
                }
                pixels[y * stride + x] = UInt8((value + predicted) & 0xFF)
            }
        }
    }

    /// pixel is the colour at (x, y), as red, green and blue.
    func pixel(_ x: Int, _ y: Int) -> (Int, Int, Int) {
        let i = (y * width + x) * channels
        return (Int(pixels[i]), Int(pixels[i + 1]), Int(pixels[i + 2]))
    }
}

extension Session {
    /// rows are a query's rows.
    static func rows(_ query: String) throws -> [[Value]] {
        let source = SourceText(query)
        var parser = try Parser(source)
        guard let parsed = try parser.nextStatement(), case .query(let q) = parsed.statement else { return [] }
        var checker = Binder(catalogue: .builtin, source: source)
        return try Executor.run(try checker.check(q)).rows
    }
}
