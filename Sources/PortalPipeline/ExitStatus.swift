import PortalLoad
import PortalRender
import PortalWrite

/// The sysexits code that says what kind of failure an error is.
public enum ExitStatus {
    /// `build --keep-going` wrote the site without some records that have errors (README, "Exit status").
    public static let builtWithRecordsLeftOut: Int32 = 2
    /// `audit --fail-on-findings`: the report was written and has findings (README, "Exit status").
    public static let auditFindings: Int32 = 1
    public static let usage: Int32 = 64
    public static let dataError: Int32 = 65
    public static let noInput: Int32 = 66
    public static let software: Int32 = 70
    public static let cannotCreate: Int32 = 73

    public static func code(for failure: any Error) -> Int32 {
        switch failure {
        case is InvalidInput: dataError
        case is MissingInput: noInput
        case let template as TemplateError: template.isMissing ? noInput : dataError
        case is OutputError: cannotCreate
        case is LinkSecretError: usage
        default: software
        }
    }
}
