import Foundation
import PortalRecords
import PortalTestSupport
import Testing
@testable import PortalLoad

/// Addresses go into report.eml's headers as they are: each one is checked when it is read
/// (issue #17, "E-mail"): RFC 5322 addr-spec, dot-atom local part, host-name domain, no control
/// character.
@Suite("E-mail addresses")
struct EmailAddressTests {
    @Test("Addresses partners and Entra user principal names use are accepted", arguments: [
        "support@northwind-cloud.example", "amelie.durand@contoso.onmicrosoft.com", "a@b.co",
        "o'brien+audit@x-y.example", "first.last_2@sub.domain.example", "UPPER@Example.COM",
        "!#$%&'*+-/=?^_`{|}~@a.example",
    ])
    func valid(text: String) {
        #expect(EmailAddress(text)?.text == text)
        #expect(EmailAddress.problem(in: text) == nil)
    }

    @Test("Anything that could end a header, add a mailbox or is not a plain address is refused", arguments: [
        ("p@p.example\r\nBcc: eve@attacker.example", "line breaks and other control characters are not allowed"),
        ("p@p.example\nBcc: eve@attacker.example", "line breaks and other control characters are not allowed"),
        ("p@p.example\rX", "line breaks and other control characters are not allowed"),
        ("p@p.example\u{0}", "line breaks and other control characters are not allowed"),
        ("p@p.example\t", "line breaks and other control characters are not allowed"),
        ("p@p.example\u{7F}", "line breaks and other control characters are not allowed"),
        ("Eve <eve@attacker.example>", "spaces are not allowed"),
        ("eve@attacker.example,p@p.example", "exactly one @ is needed"),
        ("<eve@attacker.example>", "the character < is not allowed before the @"),
        ("eve@attacker.example>,x", "the domain may hold only letters, digits, hyphens and dots"),
        ("\"a b\"@p.example", "spaces are not allowed"),
        ("\"ab\"@p.example", "the character \" is not allowed before the @"),
        ("a(comment)@p.example", "the character ( is not allowed before the @"),
        ("a;b@p.example", "the character ; is not allowed before the @"),
        ("p@[192.0.2.1]", "the domain may hold only letters, digits, hyphens and dots"),
        ("p@localhost", "a domain such as contoso.example is needed after the @"),
        ("p.example", "exactly one @ is needed"),
        ("@p.example", "a name is needed before the @"),
        (".a@p.example", "no dot may start or end the part before the @, nor follow another"),
        ("a..b@p.example", "no dot may start or end the part before the @, nor follow another"),
        ("a@p..example", "no dot may start or end the domain, nor follow another"),
        ("a@-p.example", "no part of the domain may start or end with a hyphen"),
        ("amélie@p.example", "only ASCII characters are allowed"),
        ("a@p.exämple", "only ASCII characters are allowed"),
        (String(repeating: "a", count: 65) + "@p.example", "at most 64 characters are allowed before the @"),
        ("a@" + String(repeating: "b", count: 64) + ".example", "each part of the domain has at most 63 characters"),
        ("a@" + Array(repeating: String(repeating: "b", count: 60), count: 5).joined(separator: ".") + ".example", "at most 254 characters are allowed"),
    ])
    func invalid(text: String, problem: String) {
        #expect(EmailAddress(text) == nil)
        #expect(EmailAddress.problem(in: text) == problem)
    }

    static let customers = "customer_id,name,country\nC1,Alpha,FR\n"
    static let orders = "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\n"

    func errors(_ files: [String: String]) throws -> [String] {
        let folder = try Scratch(files: ["customers.csv": Self.customers, "orders.csv": Self.orders].merging(files) { $1 })
        return try DataFolder(url: folder.url).read().diagnostics.errors.map(\.description)
    }

    @Test("site.json's contactEmail is checked: the error names the file and the field")
    func contactEmail() throws {
        #expect(try errors(["site.json": #"{"contactEmail": "p@p.example\r\nBcc: eve@attacker.example"}"#]) == [
            "site.json: $.contactEmail: error: contactEmail: expected an e-mail address such as support@contoso.example: "
                + "line breaks and other control characters are not allowed (p@p.example\r\nBcc: eve@attacker.example)",
        ])
        #expect(try errors(["site.json": #"{"contactEmail": "Partner <p@p.example>, eve@attacker.example"}"#]).count == 1)
        // Spaces around a value are not part of it.
        #expect(try errors(["site.json": #"{"contactEmail": "  p@p.example \n"}"#]).isEmpty)
    }

    @Test("users.csv's user is checked: the error names the file, the line and the field")
    func users() throws {
        let found = try errors(["users.csv": "user,name,roles\nadmin@p.example,A,Global admin\n\"b@p.example\nBcc: eve@attacker.example\",B,Account admin\nc@p.example (C),C,Billing admin\n"])
        #expect(found == [
            "users.csv:3:1: error: user: expected the user's sign-in address (user principal name) such as admin@contoso.example: "
                + "line breaks and other control characters are not allowed (b@p.example\nBcc: eve@attacker.example)",
            "users.csv:5:1: error: user: expected the user's sign-in address (user principal name) such as admin@contoso.example: "
                + "spaces are not allowed (c@p.example (C))",
        ])
    }
}
