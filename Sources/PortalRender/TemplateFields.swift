import Mustache
import PortalViewModels

// Templates read view models by name. Without these, swift-mustache finds every name with a Mirror
// over all the fields of every object on its context stack: 5 ms a portal page, 4 minutes of CPU
// for 50,000 customers. A switch is a few string comparisons. `TemplateFieldsTests` checks that
// each one answers every field the Mirror sees, so that a field added to a view model and
// forgotten here fails a test rather than rendering empty.

extension ProductFact: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "value": self.value
        case "linkURL": self.linkURL
        case "linkText": self.linkText
        case "emphasis": self.emphasis
        default: nil
        }
    }
}

extension ProductCard: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "anchor": self.anchor
        case "name": self.name
        case "filterGroup": self.filterGroup
        case "statusLabel": self.statusLabel
        case "statusClass": self.statusClass
        case "summary": self.summary
        case "facts": self.facts
        default: nil
        }
    }
}

extension FilterChoice: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "value": self.value
        case "label": self.label
        case "count": self.count
        case "checked": self.checked
        default: nil
        }
    }
}

extension CustomerPortalPage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "lang": self.lang
        case "t": self.t
        case "title": self.title
        case "customerName": self.customerName
        case "domain": self.domain
        case "managedBy": self.managedBy
        case "marketText": self.marketText
        case "asOfText": self.asOfText
        case "taxNotice": self.taxNotice
        case "reservationsNotice": self.reservationsNotice
        case "filters": self.filters
        case "shownText": self.shownText
        case "shownOne": self.shownOne
        case "shownOther": self.shownOther
        case "products": self.products
        case "hasProducts": self.hasProducts
        case "keysHelp": self.keysHelp
        case "contact": self.contact
        case "moveToCSP": self.moveToCSP
        default: nil
        }
    }
}

extension DeviceRow: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "lastActivation": self.lastActivation
        case "deadline": self.deadline
        case "daysLeft": self.daysLeft
        default: nil
        }
    }
}

extension DeviceGroup: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "status": self.status
        case "label": self.label
        case "advice": self.advice
        case "count": self.count
        case "rows": self.rows
        default: nil
        }
    }
}

extension MoveToCSPSection: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "intro": self.intro
        case "groups": self.groups
        default: nil
        }
    }
}

extension CustomerRow: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "customerId": self.customerId
        case "country": self.country
        case "portalPath": self.portalPath
        case "active": self.active
        case "processing": self.processing
        case "cancelled": self.cancelled
        case "expired": self.expired
        case "total": self.total
        case "notes": self.notes
        default: nil
        }
    }
}

extension ActionItem: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "kind": self.kind
        case "kindLabel": self.kindLabel
        case "customerName": self.customerName
        case "product": self.product
        case "detail": self.detail
        case "link": self.link
        default: nil
        }
    }
}

extension PartnerOverviewPage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "lang": self.lang
        case "t": self.t
        case "title": self.title
        case "partnerName": self.partnerName
        case "asOfText": self.asOfText
        case "customers": self.customers
        case "hasCustomers": self.hasCustomers
        case "actions": self.actions
        case "hasActions": self.hasActions
        case "warnings": self.warnings
        case "hasWarnings": self.hasWarnings
        case "totals": self.totals
        case "marketsLink": self.marketsLink
        case "auditLink": self.auditLink
        case "auditText": self.auditText
        default: nil
        }
    }
}

extension MarketRow: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "code": self.code
        case "name": self.name
        case "otherName": self.otherName
        case "availability": self.availability
        case "state": self.state
        case "searchText": self.searchText
        default: nil
        }
    }
}

extension MarketsPage: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "lang": self.lang
        case "t": self.t
        case "title": self.title
        case "intro": self.intro
        case "rows": self.rows
        case "countText": self.countText
        case "shownOne": self.shownOne
        case "shownOther": self.shownOther
        case "otherLanguageLink": self.otherLanguageLink
        case "otherLanguageName": self.otherLanguageName
        case "otherLang": self.otherLang
        default: nil
        }
    }
}

extension FindingRow: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "at": self.at
        case "user": self.user
        case "action": self.action
        case "customer": self.customer
        case "reason": self.reason
        default: nil
        }
    }
}

extension UserActivityRow: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "user": self.user
        case "name": self.name
        case "roles": self.roles
        case "keys": self.keys
        case "links": self.links
        case "customers": self.customers
        case "first": self.first
        case "last": self.last
        case "flagged": self.flagged
        default: nil
        }
    }
}

extension CustomerActivityRow: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "customer": self.customer
        case "keys": self.keys
        case "links": self.links
        case "users": self.users
        case "first": self.first
        case "last": self.last
        default: nil
        }
    }
}

extension AuditReport: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "lang": self.lang
        case "t": self.t
        case "title": self.title
        case "partnerName": self.partnerName
        case "periodText": self.periodText
        case "totals": self.totals
        case "retentionNote": self.retentionNote
        case "findings": self.findings
        case "hasFindings": self.hasFindings
        case "findingsSummary": self.findingsSummary
        case "moreFindings": self.moreFindings
        case "users": self.users
        case "customers": self.customers
        case "hasActivity": self.hasActivity
        case "generated": self.generated
        case "findingCount": self.findingCount
        case "folderName": self.folderName
        default: nil
        }
    }
}
