import PortalRecords
import Testing
@testable import PortalLoad

/// Inputs that coverage-guided fuzzing found (docs/fuzzing.md), each reduced to what it shows; the
/// fuzz targets replay them too (Fuzzing/Corpus).
@Suite("Inputs found by fuzzing")
struct FuzzFindingsTests {
    /// json target: two keys that name one field (here `last_kms_activation` and the same with a
    /// leading space) kept whichever the dictionary visited last, an order that differs from one
    /// run to the next: the device's activation date, or an error, changed between two builds of
    /// the same data. Now the second in the document is an error and the first is kept.
    @Test("Two JSON keys naming one field are an error, the same on every read")
    func duplicateFieldInJSON() {
        let json = Array(#"""
            [{"device": "SRV-PARIS-DC01", "customerId": "C2", "customer_id": "C1",
              " last_kms_activation": "2026-09-30T07:45:00Z", "last_kms_activation": "2*26-06-10T08:00:00Z"}]
            """#.utf8)
        var first: [Diagnostic]?
        for _ in 0..<20 {
            var diagnostics: [Diagnostic] = []
            let records = InputFile(schema: Schemas.devices, format: .json).records(in: json, diagnostics: &diagnostics)
            let devices = DeviceLoader.load(records, customerIds: CustomerIds(["C1", "C2"]), timestamps: TimestampParser(),
                                            diagnostics: &diagnostics)
            let twice = diagnostics.errors.filter { $0.message.contains("appears twice") }
            #expect(twice.map(\.location.jsonPath) == ["$[0].customer_id", "$[0].last_kms_activation"], "\(diagnostics)")
            // The first key in the document is kept, as the first of two CSV columns is.
            #expect(devices.map(\.customerId) == ["C2"] && devices.map(\.lastKMSActivation.iso8601) == ["2026-09-30T07:45:00Z"])
            if let first { #expect(diagnostics == first) } else { first = diagnostics }
        }
    }
}
