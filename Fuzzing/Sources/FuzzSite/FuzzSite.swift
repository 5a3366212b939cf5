import Foundation
import FuzzSupport
import PortalRecords
@testable import PortalLoad

/// `site.json` (`SiteLoader`). Invariants: the diagnostics name site.json; what is kept is what the
/// loader promises: a partner name, an e-mail address without a problem, a contact name and phone
/// on one line, a writable as-of date.
/// The data folder a `logo` is looked for in: an empty folder made once, so that an input naming a
/// logo reads nothing of this machine (the logo's own checks are tested in `swift test`).
let emptyDataFolder: URL = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csp-portal-fuzz-site-\(getpid())")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var diagnostics: [Diagnostic] = []
    let site = SiteLoader.load(bytes, file: "site.json", folder: emptyDataFolder, timestamps: TimestampParser(), diagnostics: &diagnostics)
    requireInside(diagnostics, of: bytes, files: ["site.json"])
    require(!site.partnerName.trimmingWhitespace().isEmpty, "an empty partner name")
    if let email = site.contactEmail { require(EmailAddress.problem(in: email) == nil, "a contact e-mail with a problem kept: \(email)") }
    if let name = site.contactName {
        require(!name.unicodeScalars.contains { $0.properties.generalCategory == .control }, "a contact name with a control character kept")
    }
    if let phone = site.contactPhone { require(!phone.contains { $0.isNewline }, "a contact phone on several lines kept") }
    if let asOf = site.asOf { require(asOf.isWritable, "an as-of date outside 0001…9999 kept") }
    return 0
}

@_cdecl("FuzzSite_main")
func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
