import Crypto
import NIOCore

/// What a handshake state machine asks its connection to do, in order.
///
/// The state machines never touch records or buffers of the connection directly; they return
/// these steps and `TLSConnection` carries them out (RFC 8446, Section 5 for the key changes).
enum HandshakeEvent {
    /// Send these encoded handshake messages under the current write protection.
    case sendHandshake(ByteBuffer)
    /// Send a change_cipher_spec record: TLS 1.3's middlebox-compatibility one (RFC 8446,
    /// Section D.4), or TLS 1.2's, after which the writer switches keys (RFC 5246, Section 7.1).
    case sendChangeCipherSpec
    /// Send a warning alert under the current write protection; the connection goes on
    /// (TLS 1.2's no_renegotiation, RFC 5246, Section 7.2.2).
    case sendWarningAlert(AlertDescription)
    /// Open records from now on with these keys. Handshake messages must not span the change.
    case changeReadKeys(RecordProtection)
    /// Protect records from now on with these keys.
    case changeWriteKeys(RecordProtection)
    /// Send records unprotected again: the client's early-data keys end at a
    /// HelloRetryRequest, before the second ClientHello (RFC 8446, Section 4.2.10).
    case clearWriteKeys
    /// The server rejected 0-RTT data: skip the client's early-data records, up to `limit`
    /// bytes (RFC 8446, Section 4.2.10).
    case skipRejectedEarlyData(limit: Int)
    /// Ask the application's verifier about the peer's chain; the handshake pauses until answered.
    case verifyPeer(CertificateVerificationRequest)
    /// A secret was just derived: hand it to the key log, if one is configured (NSS key log
    /// format; the connection adds the client random).
    case logSecret(KeyLogLabel, SymmetricKey)
    /// The handshake is complete.
    case completed(HandshakeSummary)
    /// A TLS 1.2 session was filed (or resumed) for later resumption; it is withdrawn if the
    /// connection ends in a fatal alert (RFC 5246, Section 7.2.2).
    case sessionFiled(FiledSession)
}
