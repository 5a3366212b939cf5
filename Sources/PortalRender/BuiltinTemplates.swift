/// The template set compiled into the binary: every file of the repository's `Templates/`, byte
/// for byte, so that `csp-portal build` works from any folder with nothing beside it. The texts are
/// generated (`python3 Scripts/generate-builtin-templates` writes Generated/BuiltinTemplates.generated.swift);
/// `Templates/` stays the source that is edited.
public enum BuiltinTemplates {
    /// Every file of the set by its path in `Templates/` (`portal.mustache`, `partials/styles.mustache`,
    /// `locales/fr.json`), sorted by path: what `csp-portal templates export` writes.
    public static let files: [(path: String, bytes: [UInt8])] = texts.map { ($0.path, Array($0.text.utf8)) }

    /// How messages name a built-in file: there is no such file on the user's machine.
    static func shown(_ path: String) -> String { "built-in Templates/\(path)" }
}
