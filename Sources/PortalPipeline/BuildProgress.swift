import Foundation
import Synchronization

/// What a build tells the user while it runs: a phase starting, its progress, its end.
public enum BuildProgressEvent: Sendable {
    /// `total` is the number of items the phase goes through, when it is known.
    case started(phase: String, total: Int?)
    case advanced(phase: String, done: Int, total: Int)
    /// `detail`: what the phase did (`225,601 order lines`); `seconds`: how long it took.
    case finished(phase: String, detail: String, seconds: Double)
}

/// Reports a build's phases to a sink (the terminal), safely from any task; progress is reported
/// at most every 1% so that a 50,000-page build does not spend its time printing.
public final class BuildProgress: Sendable {
    private let sink: @Sendable (BuildProgressEvent) -> Void
    private let state = Mutex(State())

    private struct State {
        var phase = ""
        var started = ContinuousClock.now
        var total = 0
        var done = 0
        var lastReported = 0
    }

    public init(_ sink: @escaping @Sendable (BuildProgressEvent) -> Void) {
        self.sink = sink
    }

    /// Reports nothing.
    public static let silent = BuildProgress { _ in }

    func start(_ phase: String, total: Int? = nil) {
        state.withLock { state in
            state = State(phase: phase, started: .now, total: total ?? 0)
        }
        sink(.started(phase: phase, total: total))
    }

    func advance(by count: Int = 1) {
        let report: (String, Int, Int)? = state.withLock { state in
            state.done += count
            let step = max(1, state.total / 100)
            guard state.done - state.lastReported >= step || state.done == state.total else { return nil }
            state.lastReported = state.done
            return (state.phase, state.done, state.total)
        }
        if let (phase, done, total) = report { sink(.advanced(phase: phase, done: done, total: total)) }
    }

    func finish(_ detail: String) {
        let (phase, elapsed) = state.withLock { ($0.phase, ContinuousClock.now - $0.started) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        sink(.finished(phase: phase, detail: detail, seconds: seconds))
    }
}
