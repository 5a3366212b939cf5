import FuzzSupport
import PortalRecords

/// The JSON inputs of a data folder: flat tables and Partner Center resources (customers, orders,
/// subscriptions, devices, activity, users, markets), through `DataFolderInput`, the adapter that
/// names the JSON readers' entry points.
///
/// The first byte picks the input (its schema, its Partner Center shape and its loader); the rest
/// is the file. Invariants: every diagnostic names the file, a line of the text and a JSON path
/// from `$`; reading is deterministic (the same bytes give the same records and diagnostics).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (choice, text) = splitFirstByte(data, size)
    let first = DataFolderInput.read(text, input: Int(choice), json: true)
    // Dictionary order must never reach the result: a second read gives the same.
    let second = DataFolderInput.read(text, input: Int(choice), json: true)
    require(first.loaded == second.loaded && first.diagnostics == second.diagnostics, "two reads of the same bytes differ")
    return 0
}

@_cdecl("FuzzJSON_main")
func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
