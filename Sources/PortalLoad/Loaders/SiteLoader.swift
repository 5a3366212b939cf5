import Foundation
import PortalRecords

/// `site.json`: who publishes the portal. Every key is optional.
enum SiteLoader {
    /// `folder`: the data folder, where `logo` is read from.
    static func load(_ bytes: [UInt8]?, file: String, folder: URL, timestamps: TimestampParser,
                     diagnostics: inout [Diagnostic]) -> SiteSettings {
        let fallback = SiteSettings(partnerName: "Your CSP partner")
        guard let bytes else { return fallback }
        let location = SourceLocation(file: file)
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            diagnostics.append(.error(at: location, "expected a JSON object such as {\"partnerName\": \"…\", \"contactEmail\": \"…\", \"defaultLanguage\": \"en\"}"))
            return fallback
        }
        func text(_ key: String) -> String? {
            guard let value = object[key] else { return nil }
            guard let string = value as? String else {
                diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: "$.\(key)"), field: key, "expected a string"))
                return nil
            }
            let trimmed = string.trimmingWhitespace()
            return trimmed.isEmpty ? nil : trimmed
        }
        var language = PortalLanguage.en
        if let code = text("defaultLanguage") {
            if let known = PortalLanguage(rawValue: code.lowercased()) {
                language = known
            } else {
                diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: "$.defaultLanguage"), field: "defaultLanguage",
                                          "expected en or fr", value: code))
            }
        }
        var asOf: Instant?
        if let value = text("asOf") {
            do {
                asOf = try timestamps.parse(value)
            } catch {
                diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: "$.asOf"), field: "asOf",
                                          "expected a date or a timestamp such as 2026-11-25T09:00:00Z", value: value))
            }
        }
        // The audit e-mail is sent from it: a line break there would add headers (Bcc:), a comma a recipient.
        var contactEmail = text("contactEmail")
        if let address = contactEmail, let problem = EmailAddress.problem(in: address) {
            diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: "$.contactEmail"), field: "contactEmail",
                                      "expected an e-mail address such as support@contoso.example: \(problem)", value: address))
            contactEmail = nil
        }
        var timeZone: DisplayZone?
        if let name = text("timeZone") {
            timeZone = DisplayZone(identifier: name)
            if timeZone == nil {
                diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: "$.timeZone"), field: "timeZone",
                                          DisplayZone.unknownNameAdvice, value: name))
            }
        }
        // Pasted into a support request as they are: one line each, so that neither can add a line
        // the partner did not write.
        var contactName = text("contactName")
        if let name = contactName, name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: "$.contactName"), field: "contactName",
                                      "expected a name on one line, without control characters", value: name))
            contactName = nil
        }
        var contactPhone = text("contactPhone")
        if let phone = contactPhone, !SiteSettings.isPhoneNumber(phone) {
            diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: "$.contactPhone"), field: "contactPhone",
                                      "expected a phone number such as +33 1 23 45 67 89: digits, spaces and + ( ) - . / only, "
                                      + "at least \(SiteSettings.phoneDigits.lowerBound) and at most \(SiteSettings.phoneDigits.upperBound) digits",
                                      value: phone))
            contactPhone = nil
        }
        // Written into the e-mail's To header like contactEmail: each entry is checked the same way.
        var auditRecipients: [AuditRecipient]?
        if let value = object["auditRecipients"] {
            if let entries = value as? [Any] {
                auditRecipients = []
                for (index, entry) in entries.enumerated() {
                    let location = SourceLocation(file: file, jsonPath: "$.auditRecipients[\(index)]")
                    guard let string = entry as? String else {
                        diagnostics.append(.error(at: location, field: "auditRecipients", "expected an e-mail address or a role name, as a string"))
                        continue
                    }
                    let (recipient, problem) = AuditRecipient.parse(string)
                    if let recipient { auditRecipients?.append(recipient) }
                    if let problem { diagnostics.append(.error(at: location, field: "auditRecipients", problem, value: string)) }
                }
            } else {
                diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: "$.auditRecipients"), field: "auditRecipients",
                                          "expected a list such as [\"Global admin\", \"security@contoso.example\"]"))
            }
        }
        var auditRetention = SiteSettings.defaultAuditRetention
        if let value = object["auditRetention"] {
            // JSON's true is an NSNumber too, told apart by its type code (a C char).
            if let number = value as? NSNumber, String(cString: number.objCType) != "c", let count = Int(exactly: number.doubleValue),
               SiteSettings.auditRetentionRange.contains(count) {
                auditRetention = count
            } else {
                diagnostics.append(.error(at: SourceLocation(file: file, jsonPath: "$.auditRetention"), field: "auditRetention",
                                          "expected how many audit reports to keep, a whole number from \(SiteSettings.auditRetentionRange.lowerBound) to \(SiteSettings.auditRetentionRange.upperBound)",
                                          value: "\(value)"))
            }
        }
        let branding = BrandingLoader.load(logo: text("logo"), accentColor: text("accentColor"), folder: folder, file: file,
                                           diagnostics: &diagnostics)
        return SiteSettings(partnerName: text("partnerName") ?? fallback.partnerName, contactEmail: contactEmail,
                            defaultLanguage: language, asOf: asOf, timeZone: timeZone,
                            contactName: contactName, contactPhone: contactPhone,
                            auditRecipients: auditRecipients, auditRetention: auditRetention, branding: branding)
    }
}

extension SiteSettings {
    /// `auditRetention`: at least the report just written; at most what a folder listing reads at once.
    static let auditRetentionRange = 1...10_000

    /// How many digits a phone number has: the shortest national numbers have 4 (some islands),
    /// E.164 allows 15, and a trunk prefix or an extension may add a few.
    static let phoneDigits = 4...20

    /// Digits with the usual separators and a leading `+`: nothing that could carry other text.
    static func isPhoneNumber(_ text: String) -> Bool {
        let allowed = Set("+0123456789 ().-/")
        let digits = text.filter(\.isASCII).filter(\.isNumber).count
        return text.allSatisfy { allowed.contains($0) } && phoneDigits.contains(digits)
            && !text.dropFirst().contains("+")
    }
}
