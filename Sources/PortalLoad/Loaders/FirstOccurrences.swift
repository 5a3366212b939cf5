import PortalRecords

/// Where each key of a file was first seen, to report a duplicate id at its second occurrence
/// with a pointer to the first.
struct FirstOccurrences {
    private var locations: [String: SourceLocation] = [:]

    /// Records `key` at `location` and returns nil the first time; afterwards, the first location.
    mutating func previous(of key: String, at location: SourceLocation) -> SourceLocation? {
        if let first = locations[key] { return first }
        locations[key] = location
        return nil
    }
}
