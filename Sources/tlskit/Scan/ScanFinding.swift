/// One yes/no finding of a scan, with the evidence or the reason it could not be tested.
struct ScanFinding: Codable, Sendable, Hashable {
    enum Status: String, Codable, Sendable, Hashable {
        case yes
        case no
        /// The scan could not find out; `detail` says why.
        case notTested
        /// The question does not arise for this server (TLS 1.2 features on a TLS 1.3-only one).
        case notApplicable
    }

    var status: Status
    var detail: String

    static func yes(_ detail: String) -> ScanFinding { ScanFinding(status: .yes, detail: detail) }
    static func no(_ detail: String) -> ScanFinding { ScanFinding(status: .no, detail: detail) }
    static func notTested(_ detail: String) -> ScanFinding { ScanFinding(status: .notTested, detail: detail) }
    static func notApplicable(_ detail: String) -> ScanFinding { ScanFinding(status: .notApplicable, detail: detail) }

    /// `yes: detail`, `no: detail`, `not tested: detail`, `n/a: detail`.
    var text: String {
        let word = switch self.status {
        case .yes: "yes"
        case .no: "no"
        case .notTested: "not tested"
        case .notApplicable: "n/a"
        }
        return "\(word): \(self.detail)"
    }
}
