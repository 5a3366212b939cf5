import CLibXML2
import Foundation
import PortalRecords
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `site.json`'s `logo` and `accentColor` (docs/data-format.md, "Branding").
enum BrandingLoader {
    static func load(logo path: String?, accentColor: String?, folder: URL, file: String,
                     diagnostics: inout [Diagnostic]) -> SiteBranding {
        var logo: BrandLogo?
        if let path {
            do {
                logo = try readLogo(path, in: folder)
            } catch {
                diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: "$.logo"), field: "logo", error.reason, value: path))
            }
        }
        var accent: AccentColor?
        if let accentColor {
            do {
                accent = try AccentColor(parsing: accentColor)
            } catch {
                let message = switch error {
                case .syntax: "expected a colour written #rrggbb, such as #0f6cbd"
                case .contrast(let white, let black):
                    "\(accentColor) gives \(AccentColor.ratioText(white)) with white text and \(AccentColor.ratioText(black)) with black; "
                        + "WCAG AA needs \(AccentColor.minimumContrast):1"
                }
                diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: "$.accentColor"), field: "accentColor", message,
                                          value: accentColor))
            }
        }
        return SiteBranding(logo: logo, accentColor: accent)
    }

    struct Refusal: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// The logo at `path` inside `folder`, checked. Each folder on the way is opened without
    /// following a symbolic link, and the file too: a path checked and then opened could be
    /// swapped for a link in between.
    static func readLogo(_ path: String, in folder: URL) throws(Refusal) -> BrandLogo {
        let format: BrandLogo.Format
        switch (path as NSString).pathExtension.lowercased() {
        case "png": format = .png
        case "svg": format = .svg
        default: throw Refusal("expected a .png or .svg file")
        }
        guard !path.hasPrefix("/") else { throw Refusal("expected a path inside the data folder, relative to it, not an absolute path") }
        guard !path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw Refusal("expected a file name without control characters")
        }
        let components = path.split(separator: "/").filter { $0 != "." }
        guard !components.contains("..") else { throw Refusal("expected a path inside the data folder: `..` leads out of it") }
        let bytes = try readInside(folder.path, components.map(String.init), shown: path)
        switch format {
        case .png:
            guard bytes.starts(with: pngSignature) else { throw Refusal("not a PNG image: the file does not start with PNG's signature") }
        case .svg:
            if let problem = SVGCheck.problem(in: bytes) { throw Refusal("an SVG logo is refused: \(problem)") }
        }
        return BrandLogo(format: format, bytes: bytes)
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    private static func readInside(_ root: String, _ components: [String], shown: String) throws(Refusal) -> [UInt8] {
        guard let name = components.last else { throw Refusal("expected a file name") }
        var folder = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { throw Refusal("cannot open the data folder: \(String(cString: strerror(errno)))") }
        defer { close(folder) }
        for component in components.dropLast() {
            let inner = openat(folder, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard inner >= 0 else { throw Refusal(openProblem(errno, component)) }
            close(folder)
            folder = inner
        }
        // O_NONBLOCK: a FIFO put there is refused below instead of waited on.
        let descriptor = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Refusal(openProblem(errno, name)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Refusal("cannot read: \(String(cString: strerror(errno)))") }
        guard status.st_mode & S_IFMT == S_IFREG else { throw Refusal("not a regular file") }
        // A second name elsewhere may be a file outside the data folder, linked in.
        guard status.st_nlink == 1 else {
            throw Refusal("the file has \(status.st_nlink) hard links: it may be a file outside the data folder; copy it in instead")
        }
        guard Int(status.st_size) <= BrandLogo.maximumBytes else {
            throw Refusal("\(Int(status.st_size).formatted()) bytes: a logo must be at most 100 KB (\(BrandLogo.maximumBytes.formatted()) bytes), it is copied into every page")
        }
        // One byte more than allowed: a file that grew since fstat is caught too.
        var bytes = [UInt8](repeating: 0, count: BrandLogo.maximumBytes + 1)
        var filled = 0
        while filled < bytes.count {
            let result = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if result > 0 { filled += result; continue }
            if result < 0 && errno == EINTR { continue }
            if result < 0 { throw Refusal("cannot read: \(String(cString: strerror(errno)))") }
            break
        }
        guard filled <= BrandLogo.maximumBytes else {
            throw Refusal("a logo must be at most 100 KB (\(BrandLogo.maximumBytes.formatted()) bytes), it is copied into every page")
        }
        return Array(bytes[..<filled])
    }

    private static func openProblem(_ code: Int32, _ name: String) -> String {
        switch code {
        case ENOENT: "no such file in the data folder"
        case ELOOP: "\(name) is a symbolic link: the logo must be a file inside the data folder, not a link that may lead out of it"
        case ENOTDIR: "\(name) is not a folder, or is a symbolic link: the logo must be a file inside the data folder"
        default: "cannot open \(name): \(String(cString: strerror(code)))"
        }
    }
}

/// What makes an SVG unsafe to show, read by libxml2's XML parser without the network, without
/// entity substitution and without loading a DTD. Browsers do not run an image's scripts; the
/// check is for the file opened on its own, a page that inlines it, and a mail client that does.
enum SVGCheck {
    static let svgNamespace = "http://www.w3.org/2000/svg"

    static func problem(in bytes: [UInt8]) -> String? {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { xmlReadMemory($0.baseAddress, Int32($0.count), "logo.svg", nil, options) }
        }
        guard let document else {
            if let error = xmlGetLastError() {
                let message = error.pointee.message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "parse error"
                return "not well-formed XML (line \(error.pointee.line): \(message))"
            }
            return "not well-formed XML"
        }
        defer { xmlFreeDoc(document) }
        if document.pointee.intSubset != nil || document.pointee.extSubset != nil {
            return "a DOCTYPE (it can declare entities that expand or fetch other files)"
        }
        guard let root = xmlDocGetRootElement(document) else { return "no root element" }
        guard text(root.pointee.name) == "svg", namespace(of: root) == svgNamespace else {
            return "the root element is not <svg> in the SVG namespace (xmlns=\"\(svgNamespace)\")"
        }
        var node: xmlNodePtr? = document.pointee.children
        // Every node of the document, depth first, without recursion: a deep file cannot exhaust the stack.
        while let current = node {
            if let problem = problem(in: current, document: document) { return problem }
            if current.pointee.type == XML_ELEMENT_NODE, let child = current.pointee.children {
                node = child
                continue
            }
            var next: xmlNodePtr? = current
            node = nil
            while let candidate = next {
                if let sibling = candidate.pointee.next { node = sibling; break }
                next = candidate.pointee.parent.flatMap { $0.pointee.type == XML_DOCUMENT_NODE ? nil : $0 }
            }
        }
        return nil
    }

    private static func problem(in node: xmlNodePtr, document: xmlDocPtr) -> String? {
        switch node.pointee.type {
        case XML_PI_NODE:
            return "a processing instruction <?\(text(node.pointee.name))…?> (such as xml-stylesheet, which loads another file)"
        case XML_ENTITY_REF_NODE, XML_ENTITY_NODE, XML_ENTITY_DECL, XML_DTD_NODE:
            return "an entity (&\(text(node.pointee.name));)"
        case XML_XINCLUDE_START, XML_XINCLUDE_END:
            return "an XInclude"
        case XML_ELEMENT_NODE:
            break
        default:
            return nil
        }
        let name = text(node.pointee.name)
        switch name.lowercased() {
        case "script": return "a <\(name)> element"
        case "foreignobject": return "a <\(name)> element (it holds HTML)"
        case "iframe", "embed", "object", "handler", "listener", "include": return "an <\(name)> element"
        case "style":
            let content = nodeContent(node)
            if let problem = cssProblem(content) { return "a <style> element with \(problem)" }
        default: break
        }
        if let href = namespace(of: node), href != svgNamespace {
            return "an element <\(name)> outside the SVG namespace (\(href))"
        }
        var attribute = node.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            let attributeName = text(current.pointee.name)
            let lowered = attributeName.lowercased()
            let value = current.pointee.children.map { children -> String in
                guard let raw = xmlNodeListGetString(document, children, 1) else { return "" }
                defer { cxml_free(raw) }
                return String(cString: raw)
            } ?? ""
            if lowered.hasPrefix("on") { return "an event handler attribute \(attributeName)=\"…\"" }
            let compact = String(value.unicodeScalars.filter { !$0.properties.isWhitespace && $0.properties.generalCategory != .control }).lowercased()
            if compact.contains("javascript:") { return "a javascript: URL in \(attributeName)" }
            if lowered == "href" || lowered == "src", !value.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
                let prefix = namespace(ofAttribute: current) == "http://www.w3.org/1999/xlink" ? "xlink:" : ""
                return "an external reference \(prefix)\(attributeName)=\"\(value.prefix(60))\" (only #fragment links to the file itself are allowed)"
            }
            if lowered == "attributename", compact.hasPrefix("on") || compact.hasSuffix("href") {
                return "an animation of \(value)"
            }
            if let problem = cssProblem(value) { return "\(attributeName)=\"…\" with \(problem)" }
        }
        return nil
    }

    /// `url(…)` to anything but a `#fragment`, or `@import`: CSS that loads another file.
    static func cssProblem(_ css: String) -> String? {
        let compact = String(css.unicodeScalars.filter { !$0.properties.isWhitespace }).lowercased()
        if compact.contains("@import") { return "an @import" }
        var rest = compact[...]
        while let range = rest.range(of: "url(") {
            let target = rest[range.upperBound...].drop { $0 == "\"" || $0 == "'" }
            if !target.hasPrefix("#") { return "an external url(\(target.prefix(40).prefix { $0 != ")" }))" }
            rest = rest[range.upperBound...]
        }
        return nil
    }

    private static func text(_ pointer: UnsafePointer<xmlChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func namespace(of node: xmlNodePtr) -> String? {
        node.pointee.ns.map { text($0.pointee.href) }
    }

    private static func namespace(ofAttribute attribute: xmlAttrPtr) -> String? {
        attribute.pointee.ns.map { text($0.pointee.href) }
    }

    private static func nodeContent(_ node: xmlNodePtr) -> String {
        guard let raw = xmlNodeGetContent(node) else { return "" }
        defer { cxml_free(raw) }
        return String(cString: raw)
    }
}
