/// The input files and their fields, as docs/data-format.md names them.
public enum Schemas {
    public static let customers = InputSchema(
        name: "customers",
        fields: ["customer_id", "name", "domain", "country", "language", "timezone"],
        required: ["customer_id", "name", "country"],
        aliases: ["tenantid": "customer_id", "id": "customer_id", "companyname": "name", "customername": "name",
                  "timezoneid": "timezone", "tz": "timezone"]
    )

    public static let orders = InputSchema(
        name: "orders",
        fields: ["order_id", "line", "customer_id", "subscription_id", "product", "sku", "publisher", "kind",
                 "purchased_at", "term", "billing", "quantity", "unit_price", "currency", "auto_renew",
                 "commitment_end", "cancellable_until", "cancelled_at", "status", "activation", "delivery",
                 "instructions_url", "product_key", "software_assurance"],
        required: ["order_id", "customer_id", "product", "kind", "purchased_at", "quantity", "unit_price", "currency"],
        aliases: ["linenumber": "line", "lineitemnumber": "line", "friendlyname": "product", "productname": "product",
                  "purchasedate": "purchased_at", "creationdate": "purchased_at", "termduration": "term",
                  "billingcycle": "billing", "price": "unit_price", "unitprice": "unit_price",
                  "currencycode": "currency", "autorenewenabled": "auto_renew"]
    )

    /// Partner Center subscriptions (`subscriptions.json`, or a CSV with these columns): they
    /// enrich the order lines they belong to (docs/data-format.md, "Partner Center API JSON").
    public static let subscriptions = InputSchema(
        name: "subscriptions",
        fields: ["subscription_id", "order_id", "customer_id", "product", "sku", "publisher", "purchased_at",
                 "commitment_end", "auto_renew", "billing", "term", "quantity", "cancellable_until", "cancelled_at",
                 "status", "unit_price", "currency"],
        required: ["subscription_id"],
        aliases: ["id": "subscription_id", "offername": "product", "friendlyname": "product", "offerid": "sku",
                  "publishername": "publisher", "creationdate": "purchased_at", "commitmentenddate": "commitment_end",
                  "autorenewenabled": "auto_renew", "billingcycle": "billing", "termduration": "term",
                  "cancellationalloweduntildate": "cancellable_until", "unitprice": "unit_price", "currencycode": "currency"]
    )

    public static let markets = InputSchema(
        name: "markets",
        fields: ["name_fr", "name_en", "code"],
        required: ["name_fr", "name_en", "code"],
        aliases: ["frenchname": "name_fr", "englishname": "name_en", "iso": "code", "countrycode": "code"]
    )

    public static let devices = InputSchema(
        name: "devices",
        fields: ["device", "customer_id", "last_kms_activation", "mak_deployed_at"],
        required: ["device", "customer_id", "last_kms_activation"],
        aliases: ["devicename": "device", "computername": "device", "hostname": "device",
                  "lastkmsactivationdate": "last_kms_activation", "makdeployed": "mak_deployed_at"]
    )

    public static let activity = InputSchema(
        name: "activity",
        fields: ["at", "user", "action", "status", "customer_id", "customer_name", "order_id", "product"],
        required: ["at", "user", "action"],
        aliases: ["datetime": "at", "date": "at", "timestamp": "at", "partneruser": "user", "performedby": "user",
                  "userprincipalname": "user", "operationtype": "action", "operationstatus": "status",
                  "affectedcustomer": "customer_name", "customertenantid": "customer_id"]
    )

    public static let users = InputSchema(
        name: "users",
        fields: ["user", "name", "roles"],
        required: ["user", "roles"],
        aliases: ["userprincipalname": "user", "email": "user", "displayname": "name", "role": "roles"]
    )
}
