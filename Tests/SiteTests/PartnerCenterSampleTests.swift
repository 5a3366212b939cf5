import Foundation
import PortalRecords
import PortalSample
import PortalTestSupport
import Testing

/// `csp-portal sample --format partner-center` writes the CSV sample's data set as the Partner
/// Center API returns it (#24 item 5): built, it gives the same site, byte for byte.
@Suite("Sample as Partner Center API JSON")
struct PartnerCenterSampleTests {
    static let asOf = Instant(CivilDate(year: 2026, month: 11, day: 25)!, TimeOfDay(hour: 9, minute: 0, second: 0))

    /// Every file of a built site, by its path under the site.
    func siteFiles(format: SampleFormat, in scratch: Scratch) async throws -> [String: [UInt8]] {
        var options = SampleOptions(customers: 150)
        options.format = format
        let data = scratch.url.appendingPathComponent("data-\(format.rawValue)")
        _ = try SampleGenerator.write(options, to: data)
        let site = scratch.url.appendingPathComponent("site-\(format.rawValue)")
        try await scratch.build(data: data, into: site, asOf: Self.asOf)
        var files: [String: [UInt8]] = [:]
        let root = site.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(at: site, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            files[String(url.standardizedFileURL.path.dropFirst(root.count))] = [UInt8](try Data(contentsOf: url))
        }
        return files
    }

    @Test("The Partner Center form builds the same site as the CSV form: portal.json and every page")
    func sameSite() async throws {
        let scratch = try Scratch()
        let csv = try await siteFiles(format: .csv, in: scratch)
        let partnerCenter = try await siteFiles(format: .partnerCenter, in: scratch)
        #expect(csv["/portal.json"] != nil)
        #expect(partnerCenter["/portal.json"] == csv["/portal.json"])
        #expect(Set(partnerCenter.keys) == Set(csv.keys))
        #expect(partnerCenter.keys.filter { partnerCenter[$0] != csv[$0] }.sorted() == [])
    }

    @Test("The Partner Center form is the API's JSON: customers, orders and activity as collections of resources; users and devices in CSV")
    func writtenAsTheAPI() throws {
        let scratch = try Scratch()
        var options = SampleOptions(customers: 20)
        options.format = .partnerCenter
        _ = try SampleGenerator.write(options, to: scratch.url)
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)
        #expect(Set(names) == Set(SampleGenerator.fileNames(.partnerCenter)))
        #expect(Set(names) == ["site.json", "users.csv", "customers.json", "orders.json", "devices.csv", "activity.json"])
        for (file, objectType) in [("customers.json", "Customer"), ("orders.json", "Order"), ("activity.json", "AuditRecord")] {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: scratch.url.appendingPathComponent(file))) as! [String: Any]
            let items = json["items"] as! [[String: Any]]
            #expect(json["totalCount"] as? Int == items.count)
            #expect(items.allSatisfy { ($0["attributes"] as? [String: Any])?["objectType"] as? String == objectType }, "\(file)")
        }
    }

    @Test("With --force, a CSV sample's customers.csv, orders.csv and activity.csv give way to the JSON files, and back")
    func switchingFormats() throws {
        let scratch = try Scratch()
        var options = SampleOptions(customers: 5)
        _ = try SampleGenerator.write(options, to: scratch.url)
        options.allowNonEmptyFolder = true
        options.format = .partnerCenter
        _ = try SampleGenerator.write(options, to: scratch.url)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)) == Set(SampleGenerator.fileNames(.partnerCenter)))
        options.format = .csv
        _ = try SampleGenerator.write(options, to: scratch.url)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)) == Set(SampleGenerator.fileNames))
    }
}
