import PortalViewModels

// A desk section makes each entry as it is read: a template that lists one in place (`{{#open}}`)
// reads the entries one by one, never all at once. Its entries' fields are in
// TemplateFields.generated.swift (Scripts/generate-template-fields lists DeskSection as a list).
extension DeskSection: TemplateList, TemplateRepresentable {
    public func forEachValue(_ body: (TemplateValue) -> Void) {
        for entry in self { body(entry.templateValue) }
    }

    public var templateValue: TemplateValue { .list(self) }
}
