import Foundation
import PortalLoad
import PortalRecords
@testable import PortalRender
import PortalRules
import PortalTestSupport
import PortalViewModels
import Testing

/// `deadlines.ics` and `products.csv` in whole builds (issue 22): the events are the portal's
/// cards' dates, the export is its products, a customer with no dates is no error, hostile values
/// stay values, and importing a newer calendar updates its events.
@Suite("Calendars and exports in a built site")
struct CalendarsTests {
    /// Each event's properties (unfolded; parameters kept in the name: `DTSTART;VALUE=DATE`), alarms left out.
    static func events(_ bytes: [UInt8]) -> [[String: String]] {
        let lines = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
        var events: [[String: String]] = []
        var current: [String: String]?
        var inAlarm = false
        for line in lines {
            switch line {
            case "BEGIN:VEVENT": current = [:]
            case "END:VEVENT": events.append(current!); current = nil
            case "BEGIN:VALARM": inAlarm = true
            case "END:VALARM": inAlarm = false
            default:
                guard current != nil, !inAlarm, let colon = line.firstIndex(of: ":") else { continue }
                current![String(line[..<colon])] = String(line[line.index(after: colon)...])
            }
        }
        return events
    }

    /// An ICS TEXT value read back.
    static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\,", with: ",").replacingOccurrences(of: "\\;", with: ";")
            .replacingOccurrences(of: "\\\\", with: "\\")
    }

    static func basic(_ date: CivilDate) -> String { date.iso8601.replacingOccurrences(of: "-", with: "") }

    @Test("Each customer's calendar holds the dates its cards show: windows at their deadline (R2, R4), renewals and ends on their day (R6, R7), MAK deadlines (R14)")
    func eventsAreTheCardsDates() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let templates = try await TemplateSet.load(from: Repository.templates)
        let (input, _) = try DataFolder(url: Repository.data).read()
        let site = SiteEvaluation.evaluate(input, asOf: input.site.asOf!)
        let horizon = UpcomingDates.horizon(asOf: site.asOf)
        var checked = (windows: 0, renewals: 0, devices: 0)
        for customer in site.customers {
            let format = LocaleFormat(catalogue: templates.catalogue(for: customer.customer.language),
                                      zone: .reading(customer: customer.customer, site: site.site))
            let folder = (try scratch.portalPath(of: customer.customer.id) as NSString).deletingLastPathComponent
            let events = Self.events([UInt8](try Data(contentsOf: scratch.site.appendingPathComponent("\(folder)/deadlines.ics"))))
            let page = try scratch.page("\(folder)/index.html")
            #expect(Set(events.compactMap { $0["UID"] }).count == events.count, "\(folder): UIDs are unique")
            for (index, evaluated) in customer.purchases.enumerated() {
                let facts = evaluated.facts
                let card = page.text("//article[@id='product-\(index + 1)']") ?? ""
                let mine = events.filter { Self.unescaped($0["SUMMARY;LANGUAGE=\(customer.customer.language.rawValue)"] ?? "").contains(evaluated.purchase.product) }
                if facts.cancellable, let deadline = facts.cancellationDeadline {
                    let event = mine.first { $0["DTSTART"] == ICalendar.dateTime(deadline) }
                    #expect(event != nil, "\(folder): the window of \(evaluated.purchase.product)")
                    // The card and the event say the same moment, in the customer's words and zone.
                    #expect(card.contains(format.dateTime(deadline)))
                    let description = event?["DESCRIPTION;LANGUAGE=\(customer.customer.language.rawValue)"] ?? ""
                    #expect(Self.unescaped(description).contains(format.dateTime(deadline)))
                    checked.windows += 1
                }
                if facts.status == .active, let end = facts.term?.end, end <= horizon {
                    let day = Self.basic(format.zone.date(of: end))
                    #expect(mine.contains { $0["DTSTART;VALUE=DATE"] == day && ($0["UID"] ?? "").hasPrefix(facts.autoRenew ? "renewal-" : "end-") },
                            "\(folder): the \(facts.autoRenew ? "renewal" : "end") of \(evaluated.purchase.product) on \(day)")
                    #expect(card.contains(format.date(end)))
                    checked.renewals += 1
                }
            }
            for device in customer.devices where device.facts.status == .atRisk {
                #expect(events.contains { $0["DTSTART"] == ICalendar.dateTime(device.facts.deadline) && ($0["UID"] ?? "").hasPrefix("mak-") })
                checked.devices += 1
            }
        }
        #expect(checked.windows >= 5 && checked.renewals >= 3 && checked.devices >= 2, "the sample exercises every kind: \(checked)")
    }

    @Test("The partner's deadlines.ics, at the root, holds every customer's events, each naming its customer")
    func partnerCalendar() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let files = try scratch.files()
        let root = Self.events(files["deadlines.ics"]!)
        let customers = files.keys.filter { $0.hasPrefix("customers/") && $0.hasSuffix("/deadlines.ics") }
        #expect(customers.count == 11)
        let perCustomer = customers.map { Self.events(files[$0]!) }
        #expect(root.count == perCustomer.map(\.count).reduce(0, +))
        #expect(root.count > 20)
        #expect(root.allSatisfy { ($0["UID"] ?? "").hasPrefix("partner-") })
        #expect(Set(root.compactMap { $0["UID"] }).isDisjoint(with: perCustomer.flatMap { $0.compactMap { $0["UID"] } }))
        let names = (try scratch.portalJSON()["customers"] as! [[String: Any]]).map { $0["name"] as! String }
        #expect(root.allSatisfy { event in names.contains { Self.unescaped(event["SUMMARY;LANGUAGE=en"] ?? "").hasPrefix($0 + ": ") } })
    }

    @Test("Importing a newer calendar updates its events: the same purchase, kind and term keep their UID from one build to the next")
    func stableUIDs() async throws {
        let first = try Scratch(), second = try Scratch()
        let asOf = at("2026-11-25T09:00:00Z")
        try await first.build(asOf: asOf)
        try await second.build(asOf: asOf.adding(days: 1))
        let before = Self.events(try first.files()["deadlines.ics"]!), after = Self.events(try second.files()["deadlines.ics"]!)
        let earlier = Dictionary(before.map { ($0["UID"]!, $0) }, uniquingKeysWith: { a, _ in a })
        let shared = after.filter { earlier[$0["UID"]!] != nil }
        #expect(shared.count > 20)
        for event in shared {
            let old = earlier[event["UID"]!]!
            #expect(old["DTSTART"] == event["DTSTART"] && old["DTSTART;VALUE=DATE"] == event["DTSTART;VALUE=DATE"])
            #expect(old["DTSTAMP"] == "20261125T090000Z" && event["DTSTAMP"] == "20261126T090000Z")
        }
    }

    @Test("A customer with no date gets a calendar with no event, not an error, and its portal says there is none")
    func noDates() async throws {
        let scratch = try Scratch()
        let data = try scratch.dataFolder([
            "customers.csv": "customer_id,name,country\nC1,Quiet Ltd,GB\n",
            "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency,auto_renew\nO1,C1,Windows Server 2022 Standard,subscription,2024-01-10,P1Y,1,10.00,GBP,false\n",
            "site.json": #"{"partnerName": "P", "asOf": "2026-11-25T09:00:00Z"}"#,
        ])
        try await scratch.build(data: data)
        let files = try scratch.files()
        let text = String(decoding: files["customers/c1/deadlines.ics"]!, as: UTF8.self)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(Self.events(files["customers/c1/deadlines.ics"]!).isEmpty)
        #expect(Self.events(files["deadlines.ics"]!).isEmpty)
        let page = try scratch.page("customers/c1/index.html")
        #expect(page.count("//a[@href='deadlines.ics']") == 0)
        #expect(page.text("//p[@id='files']")?.hasPrefix("No upcoming date to add to a calendar.") == true)
        #expect(page.count("//a[@href='products.csv']") == 1)
    }

    @Test("Hostile values stay values: no property injected in a calendar, lines of at most 75 octets, a cell beginning with = neutralised")
    func hostileValues() async throws {
        let scratch = try Scratch()
        let product = "=HYPERLINK(\"\"http://evil.example\"\";\"\"x\"\")\r\nBEGIN:VALARM;X=1,2\\ é€😀 " + String(repeating: "é", count: 60)
        let data = try scratch.dataFolder([
            "customers.csv": "customer_id,name,country,language\nC1,\"+Evil; Co, \"\"Ltd\"\"\",FR,fr\nC2,@Other,GB,en\n",
            "orders.csv": "order_id,customer_id,product,kind,purchased_at,term,quantity,unit_price,currency\n"
                + "-O1,C1,\"\(product)\",subscription,2026-11-20T10:00:00Z,P1M,1,10.00,EUR\n"
                + "O2,C2,-Plain,perpetual,2026-11-20T10:00:00Z,,1,10.00,GBP\n",
            "site.json": #"{"partnerName": "P", "asOf": "2026-11-25T09:00:00Z"}"#,
        ])
        try await scratch.build(data: data)
        let files = try scratch.files()
        for path in ["customers/c1/deadlines.ics", "deadlines.ics"] {
            let bytes = files[path]!
            let physical = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n").dropLast()
            #expect(physical.allSatisfy { $0.utf8.count <= 75 }, "\(path)")
            #expect(!physical.contains { $0.hasPrefix("BEGIN:VALARM;") }, "\(path)")
            let events = Self.events(bytes)
            #expect(events.count == 27 + (path == "deadlines.ics" ? 1 : 0), "\(path): a window, 13 monthly renewals and 13 charges; and O2's window")
            let alarms = physical.filter { $0 == "BEGIN:VALARM" }.count
            #expect(alarms == physical.filter { $0 == "END:VALARM" }.count)
        }
        let c1 = Self.events(files["customers/c1/deadlines.ics"]!)
        // The value read back: a line end comes back as \n (TEXT has no CR).
        let name = product.replacingOccurrences(of: "\"\"", with: "\"").replacingOccurrences(of: "\r\n", with: "\n")
        #expect(c1.contains { Self.unescaped($0["SUMMARY;LANGUAGE=fr"] ?? "").hasSuffix(name) })
        #expect(!String(decoding: files["customers/c1/deadlines.ics"]!, as: UTF8.self).contains("@Other"), "nothing names another customer")
        let csv = String(decoding: files["customers/c1/products.csv"]!.dropFirst(3), as: UTF8.self)
        let row = csv.components(separatedBy: "\r\n")[1]
        #expect(row.hasPrefix("\"'=HYPERLINK(\"\"http://evil.example\"\";"), "quoted (it holds ; and a line end) and neutralised")
        #expect(csv.contains(";'-O1;0\r\n"), "an order id beginning with - is neutralised too")
        let other = String(decoding: files["customers/c2/products.csv"]!.dropFirst(3), as: UTF8.self)
        #expect(other.components(separatedBy: "\r\n")[1].hasPrefix("'-Plain,"))
    }

    @Test("products.csv has the portal's products, one row each in portal.json's order, with the columns of its header")
    func exports() async throws {
        let scratch = try Scratch()
        try await scratch.build()
        let files = try scratch.files()
        for customer in try scratch.portalJSON()["customers"] as! [[String: Any]] {
            let folder = ((customer["portalPath"] as! String) as NSString).deletingLastPathComponent
            let bytes = files["\(folder)/products.csv"]!
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            let rows = Self.csvRows(String(decoding: bytes.dropFirst(3), as: UTF8.self))
            let products = customer["products"] as! [[String: Any]]
            #expect(rows.count == products.count + 1)
            try #require(rows.allSatisfy { $0.count == 17 }, "\(folder)")
            #expect(rows.dropFirst().map { $0[15] } == products.map { $0["orderId"] as! String })
            #expect(rows.dropFirst().map { $0[0] } == products.map { $0["product"] as! String })
        }
    }

    /// RFC 4180 rows, with `,` or `;` as the header's first separator says.
    static func csvRows(_ text: String) -> [[String]] {
        let separator: Character = text.prefix { $0 != "\r\n" }.contains(";") ? ";" : ","
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { cell.append("\""); characters.removeFirst() } else { quoted = false }
                } else { cell.append(character) }
            } else if character == "\"" { quoted = true
            } else if character == separator { row.append(cell); cell = ""
            } else if character == "\r\n" || character == "\n" { row.append(cell); rows.append(row); row = []; cell = ""
            } else { cell.append(character) }
        }
        return rows
    }
}
