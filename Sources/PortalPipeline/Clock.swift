import Foundation
import PortalRecords

extension Instant {
    /// The current instant, to the second. The only place the pipeline reads the clock: the rules
    /// receive the as-of instant and never ask for it.
    public static func now() -> Instant {
        let seconds = Int64(Date().timeIntervalSince1970.rounded(.down))
        return Instant(millisecondsSinceEpoch: seconds * Instant.millisecondsPerSecond)
    }
}
