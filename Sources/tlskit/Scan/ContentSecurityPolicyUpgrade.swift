/// Finds the `upgrade-insecure-requests` directive (W3C Upgrade Insecure Requests)
/// in a Content-Security-Policy header value or `<meta http-equiv>` content: with it, the
/// browser fetches every http:// subresource over https instead of blocking it.
enum ContentSecurityPolicyUpgrade {
    /// Whether `policy` (policies separated by ',', directives by ';', names in any case)
    /// holds the directive.
    static func isRequested(by policy: String) -> Bool {
        policy.utf8.count <= 64 * 1024
            && policy.split(separator: ",").contains { serialized in
                serialized.split(separator: ";").contains { directive in
                    let name = directive.split(whereSeparator: { $0 == " " || $0 == "\t" }).first
                    return name?.lowercased() == "upgrade-insecure-requests"
                }
            }
    }
}
