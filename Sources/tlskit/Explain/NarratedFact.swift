/// One labelled value of a narrated step: `Cipher suites` = `TLS_AES_128_GCM_SHA256, ...`.
struct NarratedFact: Codable, Hashable, Sendable {
    var label: String
    var value: String

    init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}
