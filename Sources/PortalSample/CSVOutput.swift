import Foundation

/// A CSV file written row by row through a buffer, so that a 150 MB activity log is never held.
final class CSVOutput {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private(set) var rowCount = 0
    private(set) var byteCount = 0

    init(url: URL, header: [String]) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw SampleError(description: "\(url.path): cannot create the file")
        }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(1 << 20)
        try row(header)
        rowCount = 0
    }

    /// One record, each field quoted only when it must be (RFC 4180), ended by CRLF as Excel does.
    func row(_ fields: [String]) throws {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            if field.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
                buffer.append(UInt8(ascii: "\""))
                for byte in field.utf8 {
                    if byte == UInt8(ascii: "\"") { buffer.append(byte) }
                    buffer.append(byte)
                }
                buffer.append(UInt8(ascii: "\""))
            } else {
                buffer.append(contentsOf: field.utf8)
            }
        }
        buffer.append(contentsOf: [0x0D, 0x0A])
        rowCount += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        byteCount += buffer.count
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        try handle.close()
    }
}

/// The sample could not be written.
public struct SampleError: Error, Sendable, CustomStringConvertible {
    public let description: String
}
