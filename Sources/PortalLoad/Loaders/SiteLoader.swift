import Foundation
import PortalRecords

/// `site.json`: who publishes the portal. Every key is optional.
enum SiteLoader {
    static func load(_ bytes: [UInt8]?, file: String, timestamps: TimestampParser, diagnostics: inout [Diagnostic]) -> SiteSettings {
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
        return SiteSettings(partnerName: text("partnerName") ?? fallback.partnerName, contactEmail: contactEmail,
                            defaultLanguage: language, asOf: asOf, timeZone: timeZone)
    }
}
