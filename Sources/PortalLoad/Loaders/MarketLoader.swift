import PortalRecords

/// `markets` -> the seed's table of markets without Azure reservations (R16).
enum MarketLoader {
    static func load(_ records: [RawRecord<MarketField>], diagnostics: inout [Diagnostic]) -> [ReservationExcludedMarket] {
        var markets: [ReservationExcludedMarket] = []
        for record in records {
            var fields = FieldReader(record, timestamps: TimestampParser())
            let french = fields.required(.frenchName)
            let english = fields.required(.englishName)
            let code = fields.required(.code)?.uppercased()
            if let code, !CustomerLoader.isAlpha2(code) {
                fields.fail(.code, "expected an ISO 3166-1 alpha-2 code", value: code)
            }
            diagnostics += fields.diagnostics
            guard !fields.hasErrors, let french, let english, let code else { continue }
            markets.append(ReservationExcludedMarket(frenchName: french, englishName: english, code: code))
        }
        return markets
    }
}
