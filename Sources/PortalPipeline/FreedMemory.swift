#if canImport(Glibc)
import Glibc
#endif

enum FreedMemory {
    /// Hands memory the process has freed back to the system (glibc's `malloc_trim`), so that it
    /// does not stay in the resident set. Looked up at run time: Swift's Glibc module does not
    /// declare it (malloc.h). Does nothing elsewhere.
    static func returnToSystem() {
        #if os(Linux)
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}
