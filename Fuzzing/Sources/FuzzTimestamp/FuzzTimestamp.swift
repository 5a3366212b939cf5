import Foundation
import FuzzSupport
import PortalRecords
import PortalLoad

/// Timestamps (`TimestampParser`). The first byte picks the zone a timestamp without an offset is
/// read in (UTC, zones with daylight saving, half-hour and 45-minute offsets, both sides of the
/// date line). Invariants: a parsed instant is writable (years 0001-9999); written back in UTC with
/// its milliseconds it parses, in any zone, to the same instant; a date alone is midnight.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (choice, rest) = splitFirstByte(data, size)
    let zones = ["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham",
                 "Pacific/Kiritimati", "America/St_Johns"]
    let parser = TimestampParser(timeZone: TimeZone(identifier: zones[Int(choice) % zones.count])!)
    let text = String(decoding: rest, as: UTF8.self)
    guard let instant = try? parser.parse(text) else { return 0 }
    require(instant.isWritable, "\(text.debugDescription) read as \(instant.millisecondsSinceEpoch), outside 0001-9999")
    let milliseconds = instant.timeOfDay.millisecondsSinceMidnight % 1_000
    let written = "\(instant.date.iso8601)T\(instant.timeOfDay.hhmmss).\(String(milliseconds + 1_000).dropFirst())Z"
    for zone in ["UTC", zones[Int(choice) % zones.count]] {
        let again = try? TimestampParser(timeZone: TimeZone(identifier: zone)!).parse(written)
        require(again == instant, "\(text.debugDescription) → \(written) → \(String(describing: again?.millisecondsSinceEpoch)), not \(instant.millisecondsSinceEpoch)")
    }
    if rest.count == 10, parser.timeZone.identifier == "UTC" {
        require(instant.timeOfDay == .midnight, "the date \(text) read as \(written), not midnight")
    }
    return 0
}

@_cdecl("FuzzTimestamp_main")
func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
