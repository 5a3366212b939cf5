extension RandomAccessCollection where Element == UInt8, Index == Int {
    /// The first occurrence of `pattern` at or after `start`, comparing bytes: a search on UTF-8
    /// that runs for every page and every order line without Foundation or Unicode tables.
    @inlinable
    public func firstRange(of pattern: [UInt8], from start: Int) -> Range<Int>? {
        guard let first = pattern.first, pattern.count <= endIndex - start else { return nil }
        var index = Swift.max(start, startIndex)
        let last = endIndex - pattern.count
        while index <= last {
            if self[index] == first {
                var matched = 1
                while matched < pattern.count && self[index + matched] == pattern[matched] { matched += 1 }
                if matched == pattern.count { return index..<index + pattern.count }
            }
            index += 1
        }
        return nil
    }
}
