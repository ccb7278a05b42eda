import NIOCore

extension TLSConnection {
    /// Tells `observer` of each handshake message in a flight this side sends, decoded in
    /// `form`. Only with an observer: the flight is split and decoded again for it.
    static func trace(sent flight: ByteBuffer, form: HandshakeMessage.Form, to observer: (TLSTraceEvent) -> Void) {
        var messages = HandshakeReassembler(maximumMessageSize: Int(UInt32.max >> 8), maximumCertificateMessageSize: Int(UInt32.max >> 8))
        messages.append(flight)
        while let message = try? messages.nextMessage(),
            let decoded = try? HandshakeMessage.decode(type: message.type, body: message.body, form: form)
        {
            observer(.handshakeMessage(decoded, .sent, size: message.raw.readableBytes))
        }
    }
}
