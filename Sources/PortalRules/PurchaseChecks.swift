import PortalRecords

/// The data errors and warnings that only the rules can see (a value can be well formed and
/// still impossible in CSP).
public enum PurchaseChecks {
    public static func diagnostics(for purchase: Purchase) -> [Diagnostic] {
        var found: [Diagnostic] = []

        // R13: CSP activates with MAK only; KMS is never allowed, even on request.
        if purchase.activation == .kms {
            found.append(.error(at: purchase.location(of: "activation"), field: "activation",
                                "KMS is never available in CSP; CSP purchases activate with MAK (R13)", value: "KMS"))
        }
        // R5: RedHat and SUSE plans can never be cancelled.
        if purchase.isNeverCancellable, let cancelledAt = purchase.cancelledAt {
            found.append(.error(at: purchase.location(of: "cancelled_at"), field: "cancelled_at",
                                "a \(purchase.publisher) plan can never be cancelled (R5)", value: cancelledAt.iso8601))
        }
        // R9: only the billing plans the seed offers.
        if let billing = purchase.billing {
            let allowed = BillingRules.allowedPlans(for: purchase)
            if !allowed.contains(billing) {
                let offered = allowed.map(\.rawValue).joined(separator: " or ")
                found.append(.error(at: purchase.location(of: "billing"), field: "billing",
                                    "R9 offers \(offered.isEmpty ? "no plan" : offered) for this purchase", value: billing.rawValue))
            }
        } else if BillingRules.allowedPlans(for: purchase).isEmpty {
            found.append(.error(at: purchase.location(of: "billing"), field: "billing", "R9 offers no billing plan for this purchase"))
        }
        // R6: an old purchase never renews, whatever the input says.
        if purchase.autoRenew == true {
            if purchase.kind == .perpetual {
                found.append(.warning(at: purchase.location(of: "auto_renew"), field: "auto_renew",
                                      "perpetual software never renews; the input's true is ignored (R6)", value: "true"))
            } else if purchase.purchasedAt < Milestones.newCommerceSoftware {
                found.append(.warning(at: purchase.location(of: "auto_renew"), field: "auto_renew",
                                      "bought before 2021-10-14, so it never renews; the input's true is ignored (R6)", value: "true"))
            }
        }
        // Every amount shown is at most unit_price x quantity (a refund or credit is a part of it,
        // R3; an installment too, period <= term, R9; R4's credit is all of it): when that fits in
        // Money, they all do, so one check covers them.
        if let (unitPrice, currency) = purchase.termPrice,
           Money(unitPrice, times: Int128(purchase.quantity), over: 1, currency: currency) == nil {
            found.append(.error(at: purchase.location(of: "unit_price"), field: "unit_price",
                                "unit_price x quantity (\(purchase.quantity)) is more than the largest amount csp-portal can show, \(Money.largest(in: currency))",
                                value: unitPrice.description))
        }
        if let end = purchase.commitmentEnd, end <= purchase.purchasedAt {
            found.append(.error(at: purchase.location(of: "commitment_end"), field: "commitment_end", "must be after purchased_at", value: end.iso8601))
        }
        if let cancelledAt = purchase.cancelledAt, cancelledAt < purchase.purchasedAt {
            found.append(.error(at: purchase.location(of: "cancelled_at"), field: "cancelled_at", "must not be before purchased_at", value: cancelledAt.iso8601))
        }
        return found
    }
}
