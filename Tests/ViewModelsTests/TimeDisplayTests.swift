import Foundation
import PortalRecords
import PortalRender
import PortalViewModels
import PortalTestSupport
import Testing

/// What a reader sees of time (docs/time.md): instants in the reader's zone with the zone named,
/// whole-day dates in the same zone, and countdowns that agree with the dates they stand beside.
@Suite("Times in the reader's zone")
struct TimeDisplayTests {
    static func format(_ language: PortalLanguage, _ zone: String) async throws -> LocaleFormat {
        let templates = try TemplateSet.load(from: Repository.templates)
        return LocaleFormat(catalogue: templates.catalogue(for: language), zone: try #require(DisplayZone(identifier: zone)))
    }

    /// `2026-03-29T00:59:59Z`, exactly, in UTC.
    static func utc(_ text: String) -> Instant {
        let parts = text.dropLast().split(separator: "T")
        let day = parts[0].split(separator: "-").map { Int($0)! }
        let clock = parts[1].split(separator: ":").map { Int($0)! }
        return Instant(CivilDate(year: day[0], month: day[1], day: day[2])!, TimeOfDay(hour: clock[0], minute: clock[1], second: clock[2]))
    }

    // MARK: Zones and daylight saving time

    @Test("Europe: clocks go forward on the last Sunday of March and back on the last Sunday of October", arguments: [
        // (instant, en, fr)
        ("2026-03-29T00:59:59Z", "Mar 29, 2026, 01:59 Paris time", "29 mars 2026 à 01:59, heure de Paris"),
        ("2026-03-29T01:00:00Z", "Mar 29, 2026, 03:00 Paris time", "29 mars 2026 à 03:00, heure de Paris"),
        ("2026-10-25T00:59:59Z", "Oct 25, 2026, 02:59 Paris time", "25 oct. 2026 à 02:59, heure de Paris"),
        ("2026-10-25T01:00:00Z", "Oct 25, 2026, 02:00 Paris time", "25 oct. 2026 à 02:00, heure de Paris"),
        ("2026-12-01T10:00:00Z", "Dec 1, 2026, 11:00 Paris time", "1 déc. 2026 à 11:00, heure de Paris"),
    ])
    func europe(instant: String, english: String, french: String) async throws {
        #expect(try await Self.format(.en, "Europe/Paris").dateTime(Self.utc(instant)) == english)
        #expect(try await Self.format(.fr, "Europe/Paris").dateTime(Self.utc(instant)) == french)
    }

    @Test("Sydney: clocks go back on the first Sunday of April, forward on the first Sunday of October", arguments: [
        ("2026-04-04T15:59:59Z", "Apr 5, 2026, 02:59 Sydney time"),
        ("2026-04-04T16:00:00Z", "Apr 5, 2026, 02:00 Sydney time"),
        ("2026-10-03T15:59:59Z", "Oct 4, 2026, 01:59 Sydney time"),
        ("2026-10-03T16:00:00Z", "Oct 4, 2026, 03:00 Sydney time"),
    ])
    func sydney(instant: String, expected: String) async throws {
        #expect(try await Self.format(.en, "Australia/Sydney").dateTime(Self.utc(instant)) == expected)
    }

    @Test("A zone far from UTC: Kiritimati (UTC+14) is already a day ahead")
    func kiritimati() async throws {
        let format = try await Self.format(.en, "Pacific/Kiritimati")
        let instant = Self.utc("2026-11-30T10:00:00Z")
        #expect(format.dateTime(instant) == "Dec 1, 2026, 00:00 Kiritimati time")
        #expect(format.date(instant) == "Dec 1, 2026")
        #expect(format.date(Self.utc("2026-11-30T09:59:59Z")) == "Nov 30, 2026")
        // A zone named after an offset is told by its offset.
        let offsetZone = try await Self.format(.en, "Etc/GMT-14")
        #expect(offsetZone.dateTime(instant) == "Dec 1, 2026, 00:00 UTC+14")
    }

    @Test("French elides before a vowel and writes cities its own way")
    func frenchNames() async throws {
        #expect(try await Self.format(.fr, "Europe/Amsterdam").dateTime(Self.utc("2026-12-01T10:00:00Z")) == "1 déc. 2026 à 11:00, heure d'Amsterdam")
        #expect(try await Self.format(.fr, "Europe/Brussels").dateTime(Self.utc("2026-12-01T10:00:00Z")) == "1 déc. 2026 à 11:00, heure de Bruxelles")
        #expect(try await Self.format(.en, "Europe/Brussels").dateTime(Self.utc("2026-12-01T10:00:00Z")) == "Dec 1, 2026, 11:00 Brussels time")
        #expect(try await Self.format(.fr, "UTC").dateTime(Self.utc("2026-12-01T10:00:00Z")) == "1 déc. 2026 à 10:00 UTC")
    }

    @Test("The page names its zone once, with its IANA name; UTC needs no more than its times say")
    func asOfLine() async throws {
        let instant = Self.utc("2026-12-01T10:00:00Z")
        #expect(try await Self.format(.en, "America/New_York").asOf(instant)
                == "Information as of Dec 1, 2026, 05:00 New York time. Dates and times are New York time (America/New_York).")
        #expect(try await Self.format(.fr, "Europe/Paris").asOf(instant)
                == "Informations au 1 déc. 2026 à 11:00, heure de Paris. Dates et heures : heure de Paris (Europe/Paris).")
        #expect(try await Self.format(.en, "UTC").asOf(instant) == "Information as of Dec 1, 2026, 10:00 UTC.")
    }

    @Test("Zone names: IANA names and links in any case are zones; offsets and abbreviations are not")
    func zoneNames() {
        #expect(DisplayZone(identifier: "Europe/Paris")?.identifier == "Europe/Paris")
        #expect(DisplayZone(identifier: "europe/PARIS")?.identifier == "Europe/Paris")
        #expect(DisplayZone(identifier: "Asia/Calcutta")?.identifier == "Asia/Calcutta")
        #expect(DisplayZone(identifier: "Etc/UTC") == .utc)
        #expect(DisplayZone(identifier: "utc") == .utc)
        for notAZone in ["GMT+1", "UTC+1", "+01:00", "CEST", "Paris", "Europe/Paris ", "", "../../etc/passwd", "Mars/Olympus_Mons"] {
            #expect(DisplayZone(identifier: notAZone) == nil, "\(notAZone.debugDescription) is not a zone")
        }
    }

    @Test("The zone table gives what Foundation gives, at every instant from 1970 to 2200, for every zone")
    func offsetsMatchFoundation() throws {
        var compared = 0
        for name in TimeZone.knownTimeZoneIdentifiers {
            let zone = try #require(DisplayZone(identifier: name)), foundation = try #require(TimeZone(identifier: name))
            func check(_ seconds: Int64) {
                let instant = Instant(millisecondsSinceEpoch: seconds * 1_000)
                let expected = Int64(foundation.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))) * 1_000
                #expect(zone.offsetMilliseconds(at: instant) == expected, "\(name) at \(instant)")
                compared += 1
            }
            // Either side of every transition, and every 11 days and 7 hours in between.
            var cursor = Date(timeIntervalSince1970: 0)
            while let next = foundation.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < 7_258_118_400 {
                let seconds = Int64(next.timeIntervalSince1970)
                check(seconds - 1)
                check(seconds)
                cursor = next
            }
            for seconds in stride(from: Int64(0), to: 7_258_118_400, by: 11 * 86_400 + 7 * 3_600) { check(seconds) }
        }
        #expect(compared > 1_000_000)
    }

    @Test("Each country of the table has a zone Foundation knows, made from the tz release Foundation uses")
    func countryTable() throws {
        #expect(CountryTimeZones.tzdataVersion == TimeZone.timeZoneDataVersion,
                "Foundation's tz data is \(TimeZone.timeZoneDataVersion): run Scripts/generate-country-zones with that release, update docs/time.md")
        for (country, name) in CountryTimeZones.onlyZone {
            #expect(DisplayZone(identifier: name)?.identifier == name, "\(country): \(name)")
        }
        #expect(CountryTimeZones.onlyZone["FR"] == "Europe/Paris")
        #expect(CountryTimeZones.onlyZone["DE"] == "Europe/Berlin", "Berlin and Büsingen have agreed since 2000")
        #expect(CountryTimeZones.onlyZone["JP"] == "Asia/Tokyo")
        #expect(CountryTimeZones.onlyZone["NO"] == "Europe/Oslo", "Oslo time for Norway, not Berlin's")
        for several in ["US", "AU", "BR", "CA", "RU", "ES", "PT", "KI"] {
            #expect(CountryTimeZones.onlyZone[several] == nil, "\(several) has several zones")
        }
    }

    @Test("A customer reads in its own zone, else its country's only one, else the site's, else UTC")
    func readerZone() throws {
        let paris = try #require(DisplayZone(identifier: "Europe/Paris")), sydney = try #require(DisplayZone(identifier: "Australia/Sydney"))
        let site = SiteSettings(partnerName: "P", timeZone: paris)
        #expect(DisplayZone.reading(customer: Customer(id: "1", name: "A", country: "AU", timeZone: sydney), site: site) == sydney)
        #expect(DisplayZone.reading(customer: Customer(id: "2", name: "B", country: "JP"), site: site).identifier == "Asia/Tokyo")
        #expect(DisplayZone.reading(customer: Customer(id: "3", name: "C", country: "US"), site: site) == paris)
        #expect(DisplayZone.reading(customer: Customer(id: "4", name: "D", country: "US"), site: SiteSettings(partnerName: "P")) == .utc)
        #expect(DisplayZone.partner(site: site) == paris)
    }

    // MARK: Countdowns

    @Test("Countdown table: hours under 48 h (minutes under 1 h), rounded down; calendar days beyond", arguments: [
        // (minutes before the deadline, as of 10:00 in Paris on Dec 1 (09:00Z), en)
        (59, "today, 59 minutes left"),
        (60, "today, 1 hour left"),
        (23 * 60 + 59, "tomorrow, 23 hours left"),
        (24 * 60, "tomorrow, 24 hours left"),
        (47 * 60 + 59, "47 hours left"),
        (48 * 60, "in 2 days"),
        (4 * 24 * 60, "in 4 days"),
        (1, "today, 1 minute left"),
    ])
    func countdownTable(minutes: Int, expected: String) async throws {
        let format = try await Self.format(.en, "Europe/Paris")
        let asOf = Self.utc("2026-12-01T09:00:00Z")
        #expect(format.countdown(until: asOf.adding(minutes: Int64(minutes)), asOf: asOf) == expected)
    }

    @Test("Countdowns in French")
    func countdownFrench() async throws {
        let format = try await Self.format(.fr, "Europe/Paris")
        let asOf = Self.utc("2026-12-01T09:00:00Z")
        #expect(format.countdown(until: asOf.adding(minutes: 90), asOf: asOf) == "aujourd'hui, encore 1 heure")
        #expect(format.countdown(until: asOf.adding(minutes: 25 * 60), asOf: asOf) == "demain, encore 25 heures")
        #expect(format.countdown(until: asOf.adding(milliseconds: 30_000), asOf: asOf) == "aujourd'hui, encore moins d'une minute")
        #expect(format.countdown(until: asOf.adding(days: 4), asOf: asOf) == "dans 4 jours")
    }

    @Test("Calendar days are counted in the reader's zone, around its midnight", arguments: [
        // (as of, deadline, en) in Paris (UTC+1 in winter)
        ("2026-12-01T22:59:59Z", "2026-12-05T10:00:00Z", "in 4 days"),   // 23:59:59 on Dec 1 in Paris
        ("2026-12-01T23:00:00Z", "2026-12-05T10:00:00Z", "in 3 days"),   // midnight: Dec 2 in Paris, still Dec 1 in UTC
        ("2026-12-01T22:30:00Z", "2026-12-01T23:10:00Z", "tomorrow, 40 minutes left"),
        ("2026-12-01T22:30:00Z", "2026-12-01T22:59:59Z", "today, 29 minutes left"),
        ("2026-12-01T23:00:00Z", "2026-12-03T22:59:59Z", "tomorrow, 47 hours left"),
    ])
    func aroundMidnight(asOf: String, deadline: String, expected: String) async throws {
        let format = try await Self.format(.en, "Europe/Paris")
        #expect(format.countdown(until: Self.utc(deadline), asOf: Self.utc(asOf)) == expected)
    }

    @Test("Whole-day dates are the reader's days: a renewal at 23:00 UTC is the next day in Paris")
    func dateOnlyAroundMidnight() async throws {
        let paris = try await Self.format(.en, "Europe/Paris"), utc = try await Self.format(.en, "UTC")
        #expect(paris.date(Self.utc("2026-12-04T22:59:59Z")) == "Dec 4, 2026")
        #expect(paris.date(Self.utc("2026-12-04T23:00:00Z")) == "Dec 5, 2026")
        #expect(utc.date(Self.utc("2026-12-04T23:00:00Z")) == "Dec 4, 2026")
    }

    @Test("Daylight saving time: hours are real hours, days are the reader's calendar days")
    func countdownAcrossDST() async throws {
        let format = try await Self.format(.en, "Europe/Paris")
        // Noon on Saturday Mar 28 to noon on Monday Mar 30: the clocks went forward, 47 hours.
        #expect(format.countdown(until: Self.utc("2026-03-30T10:00:00Z"), asOf: Self.utc("2026-03-28T11:00:00Z")) == "47 hours left")
        // Midnight on Oct 25 (a 25-hour day) + 48 hours is 23:00 on Oct 26: still tomorrow.
        #expect(format.countdown(until: Self.utc("2026-10-26T22:00:00Z"), asOf: Self.utc("2026-10-24T22:00:00Z")) == "tomorrow")
        let sydney = try await Self.format(.en, "Australia/Sydney")
        // 09:00 on Saturday Apr 4 (AEDT) to 09:00 on Sunday Apr 5 (AEST): 25 hours.
        #expect(sydney.countdown(until: Self.utc("2026-04-04T23:00:00Z"), asOf: Self.utc("2026-04-03T22:00:00Z")) == "tomorrow, 25 hours left")
    }
}
