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
