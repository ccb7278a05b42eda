import TLSKit

/// Turns the runner's flags into TLSKit configurations. Values TLSKit does not speak (a
/// version below TLS 1.2, a group or scheme it lacks) make the test unimplemented.
extension ShimOptions {
    /// RFC 8446, Section 4.2.1: the versions between `-min-version` and `-max-version`, less
    /// `-no-tls13`/`-no-tls12`, of those TLSKit implements.
    func versions() throws -> [ProtocolVersion] {
        let low = max(minVersion ?? 0, ProtocolVersion.tls12.rawValue)
        let high = maxVersion ?? ProtocolVersion.tls13.rawValue
        var versions: [ProtocolVersion] = []
        if !noTLS13, (low...max(low, high)).contains(ProtocolVersion.tls13.rawValue), high >= low { versions.append(.tls13) }
        if !noTLS12, (low...max(low, high)).contains(ProtocolVersion.tls12.rawValue), high >= low { versions.append(.tls12) }
        guard !versions.isEmpty else {
            throw ShimFailure.unimplemented("versions \(minVersion.map(String.init) ?? "-")...\(maxVersion.map(String.init) ?? "-") (TLSKit speaks TLS 1.2 and 1.3 only)")
        }
        return versions
    }

    /// `-curves`, in order (RFC 8446, Section 4.2.7), or nil for TLSKit's defaults.
    func groups() throws -> [NamedGroup]? {
        guard !curves.isEmpty else { return nil }
        let groups = curves.map(NamedGroup.init(rawValue:))
        guard groups.allSatisfy(NamedGroup.supported.contains) else {
            throw ShimFailure.unimplemented("-curves \(curves) includes a group TLSKit lacks")
        }
        return groups
    }

    /// Signature schemes from `-signing-prefs` or `-verify-prefs` (RFC 8446, Section 4.2.3).
    func schemes(_ codes: [UInt16], flag: String) throws -> [SignatureScheme]? {
        guard !codes.isEmpty else { return nil }
        let schemes = codes.map(SignatureScheme.init(rawValue:))
        guard schemes.allSatisfy(SignatureScheme.tls12HandshakeSchemes.contains) else {
            throw ShimFailure.unimplemented("\(flag) \(codes) includes a scheme TLSKit lacks")
        }
        return schemes
    }

    /// The certificate and key of `-cert-file`/`-key-file`, if both are given.
    func identity() throws -> TLSCertificateIdentity? {
        switch (certFile, keyFile) {
        case (nil, nil): return nil
        case (let cert?, let key?):
            do {
                return try TLSCertificateIdentity(certificatePEMFile: cert, privateKeyPEMFile: key)
            } catch {
                throw ShimFailure.unimplemented("credential \(cert): \(error)")
            }
        default: throw ShimFailure.unimplemented("-cert-file without -key-file or the reverse")
        }
    }

    /// The settings both roles share.
    func settings() throws -> TLSProtocolSettings {
        var settings = TLSProtocolSettings()
        settings.versions = try versions()
        // Everything TLSKit implements, as BoringSSL enables by default, RSA key exchange
        // included (off in TLSKit's defaults; `TLSServerConfiguration.legacy` turns it on).
        settings.cipherSuites = CipherSuite.tls13Suites + CipherSuite.tls12Suites + CipherSuite.tls12RSAKeyExchangeSuites
        if let groups = try groups() { settings.supportedGroups = groups }
        if let schemes = try schemes(verifyPrefs, flag: "-verify-prefs") { settings.signatureSchemes = schemes }
        // TLSKit has one list for the schemes it signs with and those it accepts, so
        // `-signing-prefs` narrows what the shim advertises as well (see bogo-config.json).
        if let schemes = try schemes(signingPrefs, flag: "-signing-prefs") {
            guard verifyPrefs.isEmpty else { throw ShimFailure.unimplemented("-signing-prefs with -verify-prefs") }
            settings.signatureSchemes = schemes
        }
        return settings
    }

    func clientConfiguration(sharing state: ShimSessionState) throws -> TLSClientConfiguration {
        guard !requireAnyClientCertificate else { throw ShimFailure.unimplemented("-require-any-client-certificate on a client") }
        // BoringSSL's client fails a handshake whose 0-RTT data was rejected and retries with
        // -on-retry- flags; TLSKit's re-sends the data after its Finished instead.
        guard !expectRejectEarlyData else { throw ShimFailure.unimplemented("-expect-reject-early-data on a client") }
        // The connection asks the shim about every chain (`ShimConnection`'s verdict).
        var configuration = TLSClientConfiguration(
            certificateVerifier: ShimCertificateVerifier(accepts: !verifyFail), settings: try settings())
        // Like BoringSSL: a share for the first post-quantum hybrid and for the first
        // classical group of the list, in the list's order.
        if let groups = try groups() {
            let hybrid = groups.first { $0 == .x25519MLKEM768 }
            let classical = groups.first { $0 != .x25519MLKEM768 }
            configuration.keyShareGroups = groups.filter { $0 == hybrid || $0 == classical }
        }
        configuration.applicationProtocols = advertiseALPN
        configuration.enableEarlyData = enableEarlyData
        configuration.clientIdentity = try identity()
        configuration.sessionCache = state.clientSessions
        return configuration
    }

    func serverConfiguration(sharing state: ShimSessionState) throws -> TLSServerConfiguration {
        guard let identity = try identity() else {
            throw ShimFailure.unimplemented("a server without -cert-file/-key-file")
        }
        // The runner expects the echo of 0-RTT data as 0.5-RTT data, which TLSKit does not send.
        guard !enableEarlyData else { throw ShimFailure.unimplemented("-enable-early-data on a server (0.5-RTT data)") }
        var configuration = TLSServerConfiguration(identities: [identity], settings: try settings())
        // BoringSSL's defaults: the client's suite order decides, and a usable key share is
        // taken without a HelloRetryRequest for a preferred group.
        configuration.preferServerCipherSuiteOrder = serverPreference
        configuration.requestPreferredGroup = false
        if let selectALPN { configuration.applicationProtocols = [selectALPN] }
        if requireAnyClientCertificate {
            configuration.clientAuthentication = .required(ShimCertificateVerifier(accepts: !verifyFail))
        } else if verifyPeer {
            configuration.clientAuthentication = .optional(ShimCertificateVerifier(accepts: !verifyFail))
        }
        configuration.ticketKeys = state.ticketKeys
        configuration.sessionCache = state.tls12Sessions
        return configuration
    }
}
