import PortalRecords

/// Dates the rules compute that would fall after 9999-12-31 (UTC): a purchase in 9999 whose term
/// ends in 10000, a device whose 180 days run past it. Each is a data error at the input field it
/// comes from, never a year 10000 in a page or in portal.json.
enum CalendarLimits {
    static func diagnostics(for evaluated: EvaluatedPurchase) -> [Diagnostic] {
        let (purchase, facts) = (evaluated.purchase, evaluated.facts)
        let computed: [(what: String, instant: Instant?)] = [
            ("its current term would end", facts.term?.end),
            ("its cancellation window would close", facts.cancellationDeadline),
            ("its next charge would be", facts.nextChargeDate),
        ]
        for (what, instant) in computed {
            guard let instant, !instant.isWritable else { continue }
            // A given commitment end anchors the terms (R7); otherwise every date counts from the purchase.
            let field = purchase.commitmentEnd != nil && facts.term != nil ? "commitment_end" : "purchased_at"
            let value = field == "commitment_end" ? purchase.commitmentEnd! : purchase.purchasedAt
            return [.error(at: purchase.location(of: field), field: field,
                           "\(what) on \(instant.iso8601), after 9999-12-31, the last date csp-portal can write", value: value.iso8601)]
        }
        return []
    }

    static func diagnostics(for evaluated: EvaluatedDevice) -> [Diagnostic] {
        guard !evaluated.facts.deadline.isWritable else { return [] }
        return [.error(at: evaluated.device.source, field: "last_kms_activation",
                       "its KMS activation would lapse on \(evaluated.facts.deadline.iso8601) (R14: 180 days), after 9999-12-31, the last date csp-portal can write",
                       value: evaluated.device.lastKMSActivation.iso8601)]
    }
}
