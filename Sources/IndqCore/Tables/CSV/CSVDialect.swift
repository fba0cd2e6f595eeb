// What a CSV file looks like: its dialect (delimiter, quote, header, number format, encoding) and the type of each
// column. The sniffer finds them; read_csv's options set or override them; `describe 'file.csv'` shows them.

/// CSVEncoding is how a file's bytes become text.
public enum CSVEncoding: String, Sendable, Equatable {
    case utf8 = "utf-8"
    /// latin1 is ISO-8859-1, as DuckDB's `encoding = 'latin-1'` reads it: every byte is the code point of its value.
    case latin1 = "latin-1"
    /// windows1252 is what spreadsheets in a Dutch locale write; the sniffer chooses it only when it is sure.
    case windows1252 = "windows-1252"
}

/// CSVColumnType is the type of a file's column.
public enum CSVColumnType: String, Sendable, Equatable {
    /// date is ISO (2023-01-31) or Dutch (31-01-2023).
    case integer, decimal, percentage, boolean, text, date

    /// valueType is the column's type in a query.
    var valueType: ValueType {
        switch self {
        case .integer: return .integer
        case .decimal: return .decimal
        case .percentage: return .percentage
        case .boolean: return .boolean
        case .text: return .text
        case .date: return .date
        }
    }

    /// named reads a type as DuckDB's `types` and `columns` options name it.
    static func named(_ s: String) -> CSVColumnType? {
        switch s.lowercased() {
        case "bigint", "integer", "int", "int64", "int32", "int8", "int4", "int2", "smallint", "tinyint", "hugeint",
             "ubigint", "uinteger", "long": return .integer
        case "double", "float", "real", "decimal", "numeric", "float8", "float4": return .decimal
        case "percentage": return .percentage
        case "boolean", "bool": return .boolean
        case "varchar", "text", "string", "char", "bpchar": return .text
        case "date": return .date
        default:
            if s.lowercased().hasPrefix("decimal(") || s.lowercased().hasPrefix("numeric(") { return .decimal }
            return nil
        }
    }
}

/// CSVColumn is one column of a file: its name, its type, and how its numbers are written.
public struct CSVColumn: Sendable, Equatable {
    public var name: String
    public var type: CSVColumnType
    /// decimalSeparator is `.` or `,` (`578,4`).
    public var decimalSeparator: UInt8 = UInt8(ascii: ".")
    /// thousands is the byte between groups of three digits (`42.690`), nil when none is written.
    public var thousands: UInt8?

    public init(name: String, type: CSVColumnType, decimalSeparator: UInt8 = UInt8(ascii: "."), thousands: UInt8? = nil) {
        self.name = name
        self.type = type
        self.decimalSeparator = decimalSeparator
        self.thousands = thousands
    }
}

/// CSVDialect is how a file's bytes split into records and fields.
public struct CSVDialect: Sendable, Equatable {
    public var delimiter: UInt8 = UInt8(ascii: ",")
    /// quote opens and closes a field that may hold delimiters and newlines; nil when fields are never quoted.
    public var quote: UInt8? = UInt8(ascii: "\"")
    /// escape, inside a quoted field, makes the next byte literal; the quote itself by default (`""`).
    public var escape: UInt8? = UInt8(ascii: "\"")
    public var header = true
    /// skip is the number of lines before the first record.
    public var skip = 0
    public var encoding = CSVEncoding.utf8
    /// nullStrings are the field texts that are NULL; an empty field always is.
    public var nullStrings: [[UInt8]] = []

    public init() {}
}

/// CSVLayout is all that reading a file needs: the dialect and the columns.
public struct CSVLayout: Sendable, Equatable {
    public var dialect: CSVDialect
    public var columns: [CSVColumn]
}

/// byteName writes a delimiter or separator for people: `,`, `;`, `\t`, `|`.
func byteName(_ b: UInt8?) -> String {
    guard let b else { return "(none)" }
    if b == 9 { return "\\t" }
    if b < 32 || b >= 127 { return "0x" + String(b, radix: 16) }
    return String(UnicodeScalar(b))
}
