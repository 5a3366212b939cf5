import Mustache
import PortalViewModels

// Templates read view models by name, as typed `TemplateValue`s: the compiled templates through
// `field(_:)`, swift-mustache through the `child(named:)` derived from it (TemplateValue.swift).
// Without these, swift-mustache finds every name with a Mirror over all the fields of every object
// on its context stack: 5 ms a portal page, 4 minutes of CPU for 50,000 customers; the compiled
// templates read `Any` with a dynamic cast per lookup. `TemplateFieldsTests` checks that each
// table answers every field the Mirror sees, so that a field added to a view model and forgotten
// here fails a test rather than rendering empty.

extension ProductFact: MustacheParent, TemplateObject {
    public func field(_ name: String) -> TemplateValue {
        switch name {
        case "label": self.label.templateValue
        case "value": self.value.templateValue
        case "linkURL": self.linkURL.templateValue
        case "linkText": self.linkText.templateValue
        case "emphasis": self.emphasis.templateValue
        default: .missing
        }
    }
}

extension ProductCard: MustacheParent, TemplateObject {
    public func field(_ name: String) -> TemplateValue {
        switch name {
        case "anchor": self.anchor.templateValue
        case "name": self.name.templateValue
        case "filterGroup": self.filterGroup.templateValue
        case "statusLabel": self.statusLabel.templateValue
        case "statusClass": self.statusClass.templateValue
        case "summary": self.summary.templateValue
        case "facts": self.facts.templateValue
        default: .missing
        }
    }
}

extension FilterChoice: MustacheParent, TemplateObject {
    public func field(_ name: String) -> TemplateValue {
        switch name {
        case "value": self.value.templateValue
        case "label": self.label.templateValue
        case "count": self.count.templateValue
        case "checked": self.checked.templateValue
        default: .missing
        }
    }
}

extension CustomerPortalPage: MustacheParent, TemplateObject {
    public func field(_ name: String) -> TemplateValue {
        switch name {
        case "lang": self.lang.templateValue
        case "t": self.t.templateValue
        case "title": self.title.templateValue
        case "customerName": self.customerName.templateValue
        case "domain": self.domain.templateValue
        case "managedBy": self.managedBy.templateValue
        case "marketText": self.marketText.templateValue
        case "asOfText": self.asOfText.templateValue
        case "taxNotice": self.taxNotice.templateValue
        case "reservationsNotice": self.reservationsNotice.templateValue
        case "azureSavingsNotice": self.azureSavingsNotice.templateValue
        case "filters": self.filters.templateValue
        case "shownText": self.shownText.templateValue
        case "shownOne": self.shownOne.templateValue
        case "shownOther": self.shownOther.templateValue
        case "products": self.products.templateValue
        case "hasProducts": self.hasProducts.templateValue
        case "keysHelp": self.keysHelp.templateValue
        case "contact": self.contact.templateValue
        case "moveToCSP": self.moveToCSP.templateValue
        default: .missing
        }
    }
}

extension DeviceRow: MustacheParent, TemplateObject {
    public func field(_ name: String) -> TemplateValue {
        switch name {
        case "name": self.name.templateValue
        case "lastActivation": self.lastActivation.templateValue
        case "deadline": self.deadline.templateValue
        case "daysLeft": self.daysLeft.templateValue
        default: .missing
        }
    }
}

extension DeviceGroup: MustacheParent, TemplateObject {
    public func field(_ name: String) -> TemplateValue {
        switch name {
        case "status": self.status.templateValue
        case "label": self.label.templateValue
        case "advice": self.advice.templateValue
        case "count": self.count.templateValue
        case "rows": self.rows.templateValue
        default: .missing
        }
    }
}

extension MoveToCSPSection: MustacheParent, TemplateObject {
    public func field(_ name: String) -> TemplateValue {
        switch name {
        case "intro": self.intro.templateValue
        case "groups": self.groups.templateValue
        case "help": self.help.templateValue
        default: .missing
        }
    }
}

extension CustomerRow: MustacheParent, TemplateObject {
    public func field(_ name: String) -> TemplateValue {
        switch name {
        case "name": self.name.templateValue
        case "customerId": self.customerId.templateValue
        case "country": self.country.templateValue
        case "portalPath": self.portalPath.templateValue
        case "active": self.active.templateValue
        case "processing": self.processing.templateValue
        case "cancelled": self.cancelled.templateValue
        case "expired": self.expired.templateValue
        case "total": self.total.templateValue
        case "notes": self.notes.templateValue
        default: .missing
        }
    }
}

extension ActionItem: MustacheParent, TemplateObject {
    public func field(_ name: String) -> TemplateValue {
        switch name {
        case "kind": self.kind.templateValue
        case "kindLabel": self.kindLabel.templateValue
        case "customerName": self.customerName.templateValue
        case "product": self.product.templateValue
        case "detail": self.detail.templateValue
        case "link": self.link.templateValue
        default: .missing
        }
    }
}

extension PartnerOverviewPage: MustacheParent, TemplateObject {
    public func field(_ name: String) -> TemplateValue {
        switch name {
        case "lang": self.lang.templateValue
        case "t": self.t.templateValue
        case "title": self.title.templateValue
        case "partnerName": self.partnerName.templateValue
        case "asOfText": self.asOfText.templateValue
        case "customers": self.customers.templateValue
        case "hasCustomers": self.hasCustomers.templateValue
        case "actions": self.actions.templateValue
        case "hasActions": self.hasActions.templateValue
        case "warnings": self.warnings.templateValue
        case "hasWarnings": self.hasWarnings.templateValue
        case "totals": self.totals.templateValue
        case "marketsLink": self.marketsLink.templateValue
        case "auditLink": self.auditLink.templateValue
        case "auditText": self.auditText.templateValue
        case "deskLink": self.deskLink.templateValue
        case "deskText": self.deskText.templateValue
        case "hybridBenefitText": self.hybridBenefitText.templateValue
        default: .missing
        }
    }
}

extension MarketRow: MustacheParent, TemplateObject {
    public func field(_ name: String) -> TemplateValue {
        switch name {
        case "code": self.code.templateValue
        case "name": self.name.templateValue
        case "otherName": self.otherName.templateValue
        case "availability": self.availability.templateValue
        case "state": self.state.templateValue
        case "searchText": self.searchText.templateValue
        default: .missing
        }
    }
}

extension MarketsPage: MustacheParent, TemplateObject {
    public func field(_ name: String) -> TemplateValue {
        switch name {
        case "lang": self.lang.templateValue
        case "t": self.t.templateValue
        case "title": self.title.templateValue
        case "intro": self.intro.templateValue
        case "rows": self.rows.templateValue
        case "countText": self.countText.templateValue
        case "shownOne": self.shownOne.templateValue
        case "shownOther": self.shownOther.templateValue
        case "otherLanguageLink": self.otherLanguageLink.templateValue
        case "otherLanguageName": self.otherLanguageName.templateValue
        case "otherLang": self.otherLang.templateValue
        default: .missing
        }
    }
}

extension FindingRow: MustacheParent, TemplateObject {
    public func field(_ name: String) -> TemplateValue {
        switch name {
        case "at": self.at.templateValue
        case "user": self.user.templateValue
        case "action": self.action.templateValue
        case "customer": self.customer.templateValue
        case "reason": self.reason.templateValue
        default: .missing
        }
    }
}

extension UserActivityRow: MustacheParent, TemplateObject {
    public func field(_ name: String) -> TemplateValue {
        switch name {
        case "user": self.user.templateValue
        case "name": self.name.templateValue
        case "roles": self.roles.templateValue
        case "keys": self.keys.templateValue
        case "links": self.links.templateValue
        case "customers": self.customers.templateValue
        case "first": self.first.templateValue
        case "last": self.last.templateValue
        case "flagged": self.flagged.templateValue
        default: .missing
        }
    }
}

extension CustomerActivityRow: MustacheParent, TemplateObject {
    public func field(_ name: String) -> TemplateValue {
        switch name {
        case "customer": self.customer.templateValue
        case "keys": self.keys.templateValue
        case "links": self.links.templateValue
        case "users": self.users.templateValue
        case "first": self.first.templateValue
        case "last": self.last.templateValue
        default: .missing
        }
    }
}

extension AuditReport: MustacheParent, TemplateObject {
    public func field(_ name: String) -> TemplateValue {
        switch name {
        case "lang": self.lang.templateValue
        case "t": self.t.templateValue
        case "title": self.title.templateValue
        case "partnerName": self.partnerName.templateValue
        case "periodText": self.periodText.templateValue
        case "totals": self.totals.templateValue
        case "retentionNote": self.retentionNote.templateValue
        case "findings": self.findings.templateValue
        case "hasFindings": self.hasFindings.templateValue
        case "findingsSummary": self.findingsSummary.templateValue
        case "moreFindings": self.moreFindings.templateValue
        case "users": self.users.templateValue
        case "customers": self.customers.templateValue
        case "hasActivity": self.hasActivity.templateValue
        case "generated": self.generated.templateValue
        case "findingCount": self.findingCount.templateValue
        case "folderName": self.folderName.templateValue
        default: .missing
        }
    }
}
