import Foundation

extension TemplateSet {
    /// Checks that every template in `names` is in the set: the pages a build publishes say which
    /// they render, so that a missing one stops the build before anything is evaluated.
    public func require(_ names: [String]) throws(TemplateError) {
        for name in names where compiled[name] == nil {
            throw TemplateError(description: "\(origins[name] ?? BuiltinTemplates.shown("\(name).mustache")): missing template", isMissing: true)
        }
    }
}
