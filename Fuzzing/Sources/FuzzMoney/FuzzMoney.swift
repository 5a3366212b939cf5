import FuzzSupport
import PortalRecords
@testable import PortalLoad

/// Amounts (`DecimalParser`). The first byte's low bit says whether the file writes a decimal
/// comma. Invariants: a parsed amount is within the supported range and scale; written back
/// (`ExactDecimal.description`, a decimal point) it parses to the same significand and scale.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (choice, rest) = splitFirstByte(data, size)
    let text = String(decoding: rest, as: UTF8.self)
    guard let amount = try? DecimalParser.parse(text, decimalComma: choice & 1 == 1) else { return 0 }
    require(amount.significand.magnitude <= ExactDecimal.maximumSignificand.magnitude && (0...ExactDecimal.maximumScale).contains(amount.scale),
            "\(text.debugDescription) read as \(amount.significand)e-\(amount.scale)")
    let written = amount.description
    let again = try? DecimalParser.parse(written, decimalComma: false)
    require(again == amount, "\(text.debugDescription) → \(written) → \(String(describing: again))")
    // A decimal-comma file writes the same amount with a comma.
    let withComma = written.replacingOccurrences(of: ".", with: ",")
    let againWithComma = try? DecimalParser.parse(withComma, decimalComma: true)
    require(againWithComma == amount, "\(text.debugDescription) → \(withComma) → \(String(describing: againWithComma))")
    return 0
}

@_cdecl("FuzzMoney_main")
func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
