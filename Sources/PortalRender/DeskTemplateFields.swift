import Mustache
import PortalViewModels

// The cancellation desk's view models, read by name as the others are (TemplateFields.swift).

extension DeskEntry: MustacheParent, TemplateObject {
    public func field(_ name: String) -> TemplateValue {
        switch name {
        case "anchor": self.anchor.templateValue
        case "product": self.product.templateValue
        case "summary": self.summary.templateValue
        case "badge": self.badge.templateValue
        case "badgeClass": self.badgeClass.templateValue
        case "facts": self.facts.templateValue
        case "steps": self.steps.templateValue
        case "hasSteps": self.hasSteps.templateValue
        case "stepsHeading": self.stepsHeading.templateValue
        default: .missing
        }
    }
}

extension CancellationDeskPage: MustacheParent, TemplateObject {
    public func field(_ name: String) -> TemplateValue {
        switch name {
        case "lang": self.lang.templateValue
        case "t": self.t.templateValue
        case "title": self.title.templateValue
        case "partnerName": self.partnerName.templateValue
        case "asOfText": self.asOfText.templateValue
        case "overviewLink": self.overviewLink.templateValue
        case "intro": self.intro.templateValue
        case "totals": self.totals.templateValue
        case "open": self.open.templateValue
        case "hasOpen": self.hasOpen.templateValue
        case "closed": self.closed.templateValue
        case "hasClosed": self.hasClosed.templateValue
        case "processing": self.processing.templateValue
        case "hasProcessing": self.hasProcessing.templateValue
        case "neverCancellable": self.neverCancellable.templateValue
        case "hasNeverCancellable": self.hasNeverCancellable.templateValue
        case "supportSteps": self.supportSteps.templateValue
        case "supportCommand": self.supportCommand.templateValue
        case "contactText": self.contactText.templateValue
        default: .missing
        }
    }
}

// A section makes each entry as it is read: a template that lists one in place (`{{#open}}`) reads
// them one by one, never all at once, with either engine.
extension DeskSection: TemplateList, TemplateRepresentable, MustacheSequence {
    public func forEachValue(_ body: (TemplateValue) -> Void) {
        for entry in self { body(entry.templateValue) }
    }

    public var mustacheValue: Any { self }

    public var templateValue: TemplateValue { .list(self) }
}
