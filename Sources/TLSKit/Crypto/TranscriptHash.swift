import Crypto
import NIOCore

/// The running hash of the handshake messages (RFC 8446, Section 4.4.1).
///
/// The client starts it before the cipher suite (and so the hash) is known: until `choose(_:)`
/// the messages are buffered; afterwards they are hashed incrementally and `currentHash()`
/// finalizes a copy of the hasher.
struct TranscriptHash: Sendable {
    private enum State: Sendable {
        case buffering([UInt8])
        case sha256(SHA256)
        case sha384(SHA384)
    }

    private var state: State = .buffering([])

    init() {}

    /// The hash in use, once chosen.
    var algorithm: TLSHashAlgorithm? {
        switch state {
        case .buffering: nil
        case .sha256: .sha256
        case .sha384: .sha384
        }
    }

    /// Fixes the hash, hashing what was buffered so far. A second call is ignored.
    mutating func choose(_ hash: TLSHashAlgorithm) {
        guard case .buffering(let buffered) = state else { return }
        switch hash {
        case .sha256:
            var hasher = SHA256()
            hasher.update(data: buffered)
            state = .sha256(hasher)
        case .sha384:
            var hasher = SHA384()
            hasher.update(data: buffered)
            state = .sha384(hasher)
        }
    }

    /// Adds one whole handshake message, including its 4-byte header.
    mutating func append(_ message: ByteBuffer) {
        message.withUnsafeReadableBytes { append(bytes: $0) }
    }

    /// Adds raw handshake bytes.
    mutating func append(bytes: UnsafeRawBufferPointer) {
        switch state {
        case .buffering(var buffered):
            state = .buffering([])
            buffered.append(contentsOf: bytes)
            state = .buffering(buffered)
        case .sha256(var hasher):
            hasher.update(bufferPointer: bytes)
            state = .sha256(hasher)
        case .sha384(var hasher):
            hasher.update(bufferPointer: bytes)
            state = .sha384(hasher)
        }
    }

    /// Adds raw handshake bytes.
    mutating func append(bytes: [UInt8]) {
        bytes.withUnsafeBytes { append(bytes: $0) }
    }

    /// Transcript-Hash of everything appended so far; `Hash("")` when nothing was.
    ///
    /// Returns an empty array if no hash has been chosen yet (a caller error).
    func currentHash() -> [UInt8] {
        switch state {
        case .buffering: []
        case .sha256(let hasher): Array(hasher.finalize())
        case .sha384(let hasher): Array(hasher.finalize())
        }
    }

    /// Replaces the transcript so far (ClientHello1) by the synthetic `message_hash` message
    /// (RFC 8446, Section 4.4.1): `254 || 00 00 Hash.length || Hash(ClientHello1)`.
    /// Requires a chosen hash; without one it does nothing.
    mutating func replaceWithMessageHash() {
        guard let algorithm else { return }
        let clientHelloHash = currentHash()
        var synthetic: [UInt8] = [254, 0, 0, UInt8(truncatingIfNeeded: algorithm.digestLength)]
        synthetic.append(contentsOf: clientHelloHash)
        state = .buffering([])
        choose(algorithm)
        append(bytes: synthetic)
    }
}
