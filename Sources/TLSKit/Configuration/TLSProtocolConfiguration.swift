import Foundation

/// A configuration built on `TLSProtocolSettings`: `TLSClientConfiguration` and
/// `TLSServerConfiguration`. The shared settings are reachable under their own names, so
/// `configuration.cipherSuites` reads and writes `configuration.settings.cipherSuites`.
public protocol TLSProtocolConfiguration {
    var settings: TLSProtocolSettings { get set }
}

extension TLSProtocolConfiguration {
    /// `settings.versions`.
    public var versions: [ProtocolVersion] {
        get { settings.versions }
        set { settings.versions = newValue }
    }

    /// `settings.cipherSuites`.
    public var cipherSuites: [CipherSuite] {
        get { settings.cipherSuites }
        set { settings.cipherSuites = newValue }
    }

    /// `settings.supportedGroups`.
    public var supportedGroups: [NamedGroup] {
        get { settings.supportedGroups }
        set { settings.supportedGroups = newValue }
    }

    /// `settings.signatureSchemes`.
    public var signatureSchemes: [SignatureScheme] {
        get { settings.signatureSchemes }
        set { settings.signatureSchemes = newValue }
    }

    /// `settings.applicationProtocols`.
    public var applicationProtocols: [String] {
        get { settings.applicationProtocols }
        set { settings.applicationProtocols = newValue }
    }

    /// `settings.limits`.
    public var limits: TLSResourceLimits {
        get { settings.limits }
        set { settings.limits = newValue }
    }

    /// `settings.resumptionKeyExchangeModes`.
    public var resumptionKeyExchangeModes: [PSKKeyExchangeMode] {
        get { settings.resumptionKeyExchangeModes }
        set { settings.resumptionKeyExchangeModes = newValue }
    }

    /// `settings.now`.
    public var now: @Sendable () -> Date {
        get { settings.now }
        set { settings.now = newValue }
    }

    /// `settings.keyLog`.
    public var keyLog: (@Sendable (String) -> Void)? {
        get { settings.keyLog }
        set { settings.keyLog = newValue }
    }

    /// `settings.observer`.
    public var observer: (@Sendable (TLSTraceEvent) -> Void)? {
        get { settings.observer }
        set { settings.observer = newValue }
    }

    /// `settings.keyUpdateRecordThreshold`.
    public var keyUpdateRecordThreshold: UInt64 {
        get { settings.keyUpdateRecordThreshold }
        set { settings.keyUpdateRecordThreshold = newValue }
    }

    /// `settings.requireExtendedMasterSecret`.
    public var requireExtendedMasterSecret: Bool {
        get { settings.requireExtendedMasterSecret }
        set { settings.requireExtendedMasterSecret = newValue }
    }
}
