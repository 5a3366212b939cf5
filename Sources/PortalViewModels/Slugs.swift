/// Folder names for customer portals: safe on every file system, unique, and stable for the same
/// set of ids. An id such as `../../x`, `/etc`, `CON` or a 500-character string still gets a
/// plain folder inside `customers/`.
public enum Slugs {
    static let maximumLength = 64
    static let reservedNames: Set<String> = [
        "con", "prn", "aux", "nul",
        "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
        "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ]

    /// The base slug of one id: lower-case ASCII letters, digits and single hyphens.
    public static func slug(for id: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in id.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen && !result.isEmpty { result.append("-") }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
                if result.count >= maximumLength { break }
            } else {
                pendingHyphen = true
            }
        }
        if result.isEmpty { result = "customer" }
        if reservedNames.contains(result) { result += "-customer" }
        return result
    }

    /// A unique slug for each id, in the order given: a repeated base gets `-2`, `-3`, ...
    public static func assign(_ ids: [String]) -> [String: String] {
        var taken: Set<String> = []
        var result: [String: String] = [:]
        for id in ids where result[id] == nil {
            let base = slug(for: id)
            var candidate = base
            var counter = 2
            while taken.contains(candidate) {
                candidate = "\(base)-\(counter)"
                counter += 1
            }
            taken.insert(candidate)
            result[id] = candidate
        }
        return result
    }
}
