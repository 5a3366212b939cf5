import CLibXML2
import Foundation

/// A generated page parsed by libxml2's HTML parser, queried with XPath: what a browser would see,
/// not what a substring search happens to find.
package final class HTMLDocument {
    private let document: htmlDocPtr

    package init(_ bytes: [UInt8]) throws {
        let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        guard let parsed = bytes.withUnsafeBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { htmlReadMemory($0.baseAddress, Int32($0.count), "page.html", "UTF-8", options) }
        }) else { throw CocoaError(.fileReadCorruptFile) }
        document = parsed
    }

    package convenience init(contentsOf url: URL) throws {
        try self.init([UInt8](Data(contentsOf: url)))
    }

    deinit { xmlFreeDoc(document) }

    /// The text content of every node `expression` selects, whitespace collapsed.
    package func texts(_ expression: String) -> [String] {
        guard let context = xmlXPathNewContext(document) else { return [] }
        defer { xmlXPathFreeContext(context) }
        guard let result = xmlXPathEvalExpression(expression, context) else { return [] }
        defer { xmlXPathFreeObject(result) }
        guard let nodes = result.pointee.nodesetval else { return [] }
        return (0..<Int(nodes.pointee.nodeNr)).map { index in
            guard let node = nodes.pointee.nodeTab[index], let content = xmlNodeGetContent(node) else { return "" }
            defer { cxml_free(content) }
            return String(cString: content).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
    }

    package func text(_ expression: String) -> String? { texts(expression).first }

    package func count(_ expression: String) -> Int { texts(expression).count }
}
