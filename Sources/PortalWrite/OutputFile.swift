/// One file of the generated site: a path relative to the output folder and its bytes.
public struct OutputFile: Sendable, Equatable {
    /// `/`-separated, relative; checked by `SiteWriter` before anything is written.
    public let path: String
    public let bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}
