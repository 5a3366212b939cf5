import PortalRecords

/// Why a JSON text could not be read to its end: the rest of the file is not read.
enum JSONReadFailure: Error, CustomStringConvertible {
    case encoding(TextDecoding.Failure)
    case syntax(JSONSyntaxError)
    case unreadable(String)

    var description: String {
        switch self {
        case .encoding(let failure): "line \(failure.line), column \(failure.column) (byte \(failure.byteOffset)): \(failure.message)"
        case .syntax(let failure): "line \(failure.line), column \(failure.column): \(failure.message)"
        case .unreadable(let reason): reason
        }
    }

    /// `orders.json:3:15: error: not valid JSON: …`, as an editor shows the place.
    func diagnostic(file: String) -> Diagnostic {
        switch self {
        case .encoding(let failure):
            failure.diagnostic(file: file)
        case .syntax(let failure):
            .error(at: SourceLocation(file: file, line: failure.line, column: failure.column), "not valid JSON: \(failure.message)")
        case .unreadable(let reason):
            .error(at: SourceLocation(file: file), "cannot read: \(reason)")
        }
    }
}

/// A JSON syntax error at a byte of the text: its line (LF, CRLF or a lone CR end one, as for
/// CSV) and its column in characters, both from 1.
struct JSONSyntaxError: Error, Equatable {
    let line: Int
    let column: Int
    let message: String
}
