import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file open for reading, closed when the last reference is gone. Anything else is
/// refused at once: a FIFO would be waited on forever (for a writer, then for its end) and a device
/// such as /dev/zero or a terminal never ends.
public final class RegularFile: @unchecked Sendable {
    /// Why a file could not be opened or read, in words for the user.
    public struct Failure: Error, Sendable {
        public let reason: String
    }

    private let descriptor: Int32
    /// How many names the file has (`st_nlink`): more than one, and another name may be anywhere on
    /// the same file system, in a folder this program must not publish from.
    public let linkCount: Int

    /// Opens `path`; `notRegular` is the reason given when it is a FIFO, a device or a folder.
    public convenience init(path: String, notRegular: String) throws(Failure) {
        // O_NONBLOCK: opening a FIFO does not wait for a writer; O_NOCTTY: a terminal is not taken over.
        try self.init(opened: open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY), notRegular: notRegular)
    }

    /// Opens `name` in the folder open as `folder`, refusing a symbolic link (ELOOP) rather than
    /// following it: what was listed in the folder is what is read.
    public convenience init(name: String, inFolder folder: Int32, notRegular: String) throws(Failure) {
        try self.init(opened: openat(folder, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW), notRegular: notRegular)
    }

    private init(opened descriptor: Int32, notRegular: String) throws(Failure) {
        guard descriptor >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Failure(reason: reason)
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw Failure(reason: notRegular)
        }
        self.descriptor = descriptor
        self.linkCount = Int(status.st_nlink)
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes from where the last read stopped, fewer only at the end of the file.
    public func read(upTo count: Int) throws(Failure) -> [UInt8] {
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
            filled = 0
            while filled < count {
                let result = systemRead(descriptor, buffer.baseAddress! + filled, count - filled)
                if result > 0 { filled += result; continue }
                if result < 0 && errno == EINTR { continue }
                if result < 0 { failure = String(cString: strerror(errno)) }
                break
            }
        }
        if let failure { throw Failure(reason: failure) }
        return bytes
    }
}

/// The C library's `read`, named apart from the method that calls it.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #else
    Darwin.read(descriptor, buffer, count)
    #endif
}
