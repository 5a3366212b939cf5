import Foundation

/// Runs two pieces of synchronous work at the same time: `second` on a thread of its own, `first`
/// on the caller's. Returns both results once both are done; the first error wins, `first`'s
/// before `second`'s, so that the outcome does not depend on timing.
///
/// For the load stage, which is synchronous (the `validate` command and the tests call it
/// directly) but reads two large files that do not depend on each other.
public func concurrently<A, B: Sendable, Failure: Error>(
    _ first: () throws(Failure) -> A,
    _ second: @escaping @Sendable () throws(Failure) -> B
) throws(Failure) -> (A, B) {
    let slot = ResultSlot<B, Failure>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        slot.result = Result { () throws(Failure) -> B in try second() }
        done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    let firstResult = Result { () throws(Failure) -> A in try first() }
    done.wait()
    let firstValue = try firstResult.get()
    return (firstValue, try slot.result!.get())
}

/// Written by one thread before it signals, read by another after it waits: the semaphore orders them.
private final class ResultSlot<Value, Failure: Error>: @unchecked Sendable {
    var result: Result<Value, Failure>?
}

extension Array where Element: Sendable {
    /// The elements transformed on every core, in their order: for pure work on many records
    /// (the rules on 50,000 customers).
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        // A few chunks per core, so that a slow chunk does not leave a core idle.
        let chunkCount = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * 8)
        guard chunkCount > 1 else { return map(transform) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            let output = SharedBuffer(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let start = count * chunk / chunkCount
                let end = count * (chunk + 1) / chunkCount
                // Each chunk writes only its own slots.
                for index in start..<end { (output.base + index).initialize(to: transform(self[index])) }
            }
            initializedCount = count
        }
    }
}

/// The result buffer of `concurrentMap`, shared by tasks that each write their own slots.
private struct SharedBuffer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}
