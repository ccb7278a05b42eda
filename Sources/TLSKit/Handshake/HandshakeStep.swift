/// What one input to the handshake state machine produced: the events for the connection to
/// carry out, in order, and the form the next handshake message is decoded in (TLS 1.2's once
/// negotiated, RFC 5246; TLS 1.3's before). The connection keeps the form, since asking the
/// machine for it before every message copied the whole machine.
typealias HandshakeStep = (events: [HandshakeEvent], form: HandshakeMessage.Form)
