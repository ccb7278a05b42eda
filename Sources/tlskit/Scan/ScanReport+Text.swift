/// The text form of a scan report: one block per topic, a heading and indented lines.
extension ScanReport {
    var lines: [String] {
        var lines = ["Scan of \(self.target) (server name \(self.serverName)) at \(self.scannedAt)", ""]
        lines.append("Protocol versions:")
        for version in self.protocols {
            lines.append("  \(version.version): \(version.supported ? "yes" : "no") (\(version.detail))")
        }
        lines.append("")
        lines.append("Cipher suites:")
        if self.cipherSuites.isEmpty { lines.append("  (no version supported)") }
        for listing in self.cipherSuites {
            let order = switch listing.serverEnforcesOrder {
            case true?: "server enforces its order"
            case false?: "server follows the client's order"
            case nil: "order not tested: fewer than two suites"
            }
            lines.append("  \(listing.version) (\(order)):")
            lines += listing.suites.map { suite in
                let weaknesses = CipherSuiteCatalog.weaknesses(of: suite)
                return weaknesses.isEmpty ? "    \(suite)" : "    \(suite) (\(weaknesses.joined(separator: ", ")))"
            }
        }
        lines.append("")
        lines.append("Key exchange groups:")
        lines += Self.describe(self.groups)
        lines.append("")
        lines.append("Signature algorithms:")
        lines += Self.describe(self.signatureAlgorithms)
        lines.append("")
        lines.append("ALPN: \(self.alpn.text)")
        lines.append("")
        lines.append("Protocol features:")
        lines.append("  Extended master secret: \(self.features.extendedMasterSecret.text)")
        lines.append("  Secure renegotiation:   \(self.features.secureRenegotiation.text)")
        lines.append("  TLS_FALLBACK_SCSV:      \(self.features.fallbackSCSV.text)")
        lines.append("  Downgrade sentinel:     \(self.features.downgradeSentinel.text)")
        lines.append("  OCSP stapling:          \(self.features.ocspStapling.text)")
        lines.append("")
        lines.append("Session resumption (with TLSKit's client):")
        lines.append("  TLS 1.3 tickets: \(self.resumption.tls13Tickets.text)")
        lines.append("  0-RTT:           \(self.resumption.earlyData.text)")
        lines.append("  TLS 1.2:         \(self.resumption.tls12.text)")
        lines.append("")
        lines.append("Certificate:")
        if let certificate = self.certificate {
            lines.append("  from:      \(certificate.source)")
            lines.append("  trusted:   \(certificate.trusted ? "yes" : "no (\(certificate.trustDetail))")")
            lines.append("  name:      \(certificate.nameMatches ? "matches \(self.serverName)" : "does not cover \(self.serverName)")")
            let left = certificate.daysLeft >= 0 ? "\(certificate.daysLeft) days left" : "expired \(-certificate.daysLeft) days ago"
            if let leaf = certificate.chain.first {
                lines.append("  valid:     \(leaf.notBefore) to \(leaf.notAfter) (\(left))")
                lines.append("  key:       \(leaf.key)\(certificate.weakKey ? " (weak)" : "")")
            }
            lines.append("  signature: \(certificate.signatureAlgorithm)")
            lines.append("  chain:     \(certificate.chain.count) certificate(s), \(certificate.chainInOrder ? "in order" : "OUT OF ORDER")")
            for (index, entry) in certificate.chain.enumerated() {
                lines.append("    \(index) \(entry.subject)")
                lines.append("      issuer: \(entry.issuer); key \(entry.key); \(entry.signatureAlgorithm)")
            }
            lines += certificate.findings.map { "  problem:   \($0)" }
        } else {
            lines.append("  (no certificate chain could be obtained)")
        }
        if let http = self.http {
            lines.append("")
            lines += http.lines
        }
        lines.append("")
        lines.append("Mozilla Server Side TLS configurations:")
        for grade in self.grades {
            lines.append("  \(grade.profile) (guideline \(grade.guideline)): \(grade.passed ? "pass" : "FAIL")")
            lines += grade.deviations.map { "    - \($0)" }
        }
        if !self.notes.isEmpty {
            lines.append("")
            lines.append("Notes:")
            lines += self.notes.map { "  \($0)" }
        }
        return lines
    }

    private static func describe(_ names: VersionedNames) -> [String] {
        var lines: [String] = []
        if let tls13 = names.tls13 { lines.append("  TLS 1.3: \(tls13.isEmpty ? "(none found)" : tls13.joined(separator: ", "))") }
        if let tls12 = names.tls12 { lines.append("  TLS 1.2 and earlier: \(tls12.isEmpty ? "(none found)" : tls12.joined(separator: ", "))") }
        if lines.isEmpty { lines.append("  (not determined)") }
        if let note = names.note, !note.isEmpty { lines.append("  (\(note))") }
        return lines
    }
}
