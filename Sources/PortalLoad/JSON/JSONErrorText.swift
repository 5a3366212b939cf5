import Foundation
import PortalRecords

/// A JSON syntax error as a diagnostic: Foundation's reason, at the line and column of the byte it
/// names (its error index on Darwin; "around character N", a byte offset, on Linux).
enum JSONErrorText {
    static func diagnostic(_ error: Error, in bytes: [UInt8], file: String) -> Diagnostic {
        let nsError = error as NSError
        let text = (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
        var location = SourceLocation(file: file)
        if let index = (nsError.userInfo["NSJSONSerializationErrorIndex"] as? Int) ?? characterIndex(in: text), index <= bytes.count {
            let (line, column) = TextDecoding.position(of: index, in: bytes[...], firstLine: 1)
            location = SourceLocation(file: file, line: line, column: column)
        }
        return .error(at: location, "not valid JSON: \(text)")
    }

    /// N in "Invalid value around character N.".
    static func characterIndex(in text: String) -> Int? {
        guard let range = text.range(of: "around character ") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isASCII && $0.isNumber })
    }
}
