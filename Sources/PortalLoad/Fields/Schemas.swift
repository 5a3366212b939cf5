/// The input files and their fields, as docs/data-format.md names them.
enum Schemas {
    static let customers = InputSchema<CustomerField>(
        name: "customers",
        required: [.customerId, .name, .country],
        aliases: ["tenantid": .customerId, "id": .customerId, "companyname": .name, "customername": .name,
                  "timezoneid": .timezone, "tz": .timezone],
        partnerCenter: .customers
    )

    static let orders = InputSchema<OrderField>(
        name: "orders",
        required: [.orderId, .customerId, .product, .kind, .purchasedAt, .quantity, .unitPrice, .currency],
        aliases: ["linenumber": .line, "lineitemnumber": .line, "friendlyname": .product, "productname": .product,
                  "purchasedate": .purchasedAt, "creationdate": .purchasedAt, "termduration": .term,
                  "billingcycle": .billing, "price": .unitPrice, "unitprice": .unitPrice,
                  "currencycode": .currency, "autorenewenabled": .autoRenew],
        partnerCenter: .orders
    )

    /// Partner Center subscriptions (`subscriptions.json`, or a CSV with these columns): they
    /// enrich the order lines they belong to (`SubscriptionEnrichment`).
    static let subscriptions = InputSchema<SubscriptionField>(
        name: "subscriptions",
        required: [.subscriptionId],
        aliases: ["id": .subscriptionId, "offername": .product, "friendlyname": .product, "offerid": .sku,
                  "publishername": .publisher, "creationdate": .purchasedAt, "commitmentenddate": .commitmentEnd,
                  "autorenewenabled": .autoRenew, "billingcycle": .billing, "termduration": .term,
                  "cancellationalloweduntildate": .cancellableUntil, "unitprice": .unitPrice, "currencycode": .currency],
        partnerCenter: .subscriptions
    )

    static let markets = InputSchema<MarketField>(
        name: "markets",
        required: [.frenchName, .englishName, .code],
        aliases: ["frenchname": .frenchName, "englishname": .englishName, "iso": .code, "countrycode": .code]
    )

    static let devices = InputSchema<DeviceField>(
        name: "devices",
        required: [.device, .customerId, .lastKMSActivation],
        aliases: ["devicename": .device, "computername": .device, "hostname": .device,
                  "lastkmsactivationdate": .lastKMSActivation, "makdeployed": .makDeployedAt]
    )

    static let activity = InputSchema<ActivityField>(
        name: "activity",
        required: [.at, .user, .action],
        aliases: ["datetime": .at, "date": .at, "timestamp": .at, "partneruser": .user, "performedby": .user,
                  "userprincipalname": .user, "operationtype": .action, "operationstatus": .status,
                  "affectedcustomer": .customerName, "customertenantid": .customerId],
        partnerCenter: .activity
    )

    static let users = InputSchema<UserField>(
        name: "users",
        required: [.user, .roles],
        aliases: ["userprincipalname": .user, "email": .user, "displayname": .name, "role": .roles]
    )
}

/// `customers`: who the portals are for.
enum CustomerField: Int, InputField {
    case customerId, name, domain, country, language, timezone

    var name: String {
        switch self {
        case .customerId: "customer_id"
        case .name: "name"
        case .domain: "domain"
        case .country: "country"
        case .language: "language"
        case .timezone: "timezone"
        }
    }
}

/// `orders`: one purchased line each.
enum OrderField: Int, InputField {
    case orderId, line, customerId, subscriptionId, product, sku, publisher, kind, purchasedAt, term, billing,
         quantity, unitPrice, currency, autoRenew, commitmentEnd, cancellableUntil, cancelledAt, status,
         activation, delivery, instructionsURL, productKey, softwareAssurance

    var name: String {
        switch self {
        case .orderId: "order_id"
        case .line: "line"
        case .customerId: "customer_id"
        case .subscriptionId: "subscription_id"
        case .product: "product"
        case .sku: "sku"
        case .publisher: "publisher"
        case .kind: "kind"
        case .purchasedAt: "purchased_at"
        case .term: "term"
        case .billing: "billing"
        case .quantity: "quantity"
        case .unitPrice: "unit_price"
        case .currency: "currency"
        case .autoRenew: "auto_renew"
        case .commitmentEnd: "commitment_end"
        case .cancellableUntil: "cancellable_until"
        case .cancelledAt: "cancelled_at"
        case .status: "status"
        case .activation: "activation"
        case .delivery: "delivery"
        case .instructionsURL: "instructions_url"
        case .productKey: "product_key"
        case .softwareAssurance: "software_assurance"
        }
    }
}

/// `subscriptions`: the current state of Partner Center subscriptions.
enum SubscriptionField: Int, InputField {
    case subscriptionId, orderId, customerId, product, sku, publisher, purchasedAt, commitmentEnd, autoRenew,
         billing, term, quantity, cancellableUntil, cancelledAt, status, unitPrice, currency

    var name: String {
        switch self {
        case .subscriptionId: "subscription_id"
        case .orderId: "order_id"
        case .customerId: "customer_id"
        case .product: "product"
        case .sku: "sku"
        case .publisher: "publisher"
        case .purchasedAt: "purchased_at"
        case .commitmentEnd: "commitment_end"
        case .autoRenew: "auto_renew"
        case .billing: "billing"
        case .term: "term"
        case .quantity: "quantity"
        case .cancellableUntil: "cancellable_until"
        case .cancelledAt: "cancelled_at"
        case .status: "status"
        case .unitPrice: "unit_price"
        case .currency: "currency"
        }
    }
}

/// `markets`: the markets without Azure reservations (R16).
enum MarketField: Int, InputField {
    case frenchName, englishName, code

    var name: String {
        switch self {
        case .frenchName: "name_fr"
        case .englishName: "name_en"
        case .code: "code"
        }
    }
}

/// `devices`: devices still activated by a customer's KMS host (R14).
enum DeviceField: Int, InputField {
    case device, customerId, lastKMSActivation, makDeployedAt

    var name: String {
        switch self {
        case .device: "device"
        case .customerId: "customer_id"
        case .lastKMSActivation: "last_kms_activation"
        case .makDeployedAt: "mak_deployed_at"
        }
    }
}

/// `activity`: Partner Center's activity log (R12).
enum ActivityField: Int, InputField {
    case at, user, action, status, customerId, customerName, orderId, product

    var name: String {
        switch self {
        case .at: "at"
        case .user: "user"
        case .action: "action"
        case .status: "status"
        case .customerId: "customer_id"
        case .customerName: "customer_name"
        case .orderId: "order_id"
        case .product: "product"
        }
    }
}

/// `users`: the partner's users and their roles (R12).
enum UserField: Int, InputField {
    case user, name, roles

    var name: String {
        switch self {
        case .user: "user"
        case .name: "name"
        case .roles: "roles"
        }
    }
}
