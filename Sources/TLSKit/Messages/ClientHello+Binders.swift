import NIOCore

/// PSK binders (RFC 8446, Section 4.2.11.2).
extension ClientHello {
    /// The offered PSKs, if the last extension is `pre_shared_key`.
    public var offeredPSKs: OfferedPSKs? {
        guard case .preSharedKeyClient(let offered) = extensions.last else { return nil }
        return offered
    }

    /// Writes the whole handshake message (header included) minus the `binders` vector: the
    /// input to the binder transcript hash. Every length field is that of the full message,
    /// so the binders in `offeredPSKs` must already have their final lengths (placeholders of
    /// the hash length will do). Without a `pre_shared_key` this writes the whole message.
    public func encodeTruncatedForBinders(into buffer: inout ByteBuffer) {
        var full = ByteBuffer()
        HandshakeMessage.clientHello(self).encode(into: &full)
        let cut = min(offeredPSKs?.bindersEncodedLength ?? 0, full.readableBytes)
        if let truncated = full.readSlice(length: full.readableBytes - cut) {
            buffer.writeImmutableBuffer(truncated)
        }
    }

    /// Replaces the binders of the `pre_shared_key` extension (which must be last). Returns
    /// `false`, changing nothing, when there is no such extension or the count differs from
    /// the number of identities.
    @discardableResult
    public mutating func replaceBinders(_ binders: [[UInt8]]) -> Bool {
        guard var offered = offeredPSKs, offered.identities.count == binders.count,
            let last = extensions.indices.last
        else { return false }
        offered.binders = binders
        extensions[last] = .preSharedKeyClient(offered)
        return true
    }
}
