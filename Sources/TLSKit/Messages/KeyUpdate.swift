import NIOCore

/// RFC 8446, Section 4.6.3. Any `request_update` other than 0 or 1 is an `illegal_parameter`.
public struct KeyUpdate: Hashable, Sendable {
    public var requestUpdate: KeyUpdateRequest

    public init(requestUpdate: KeyUpdateRequest) {
        self.requestUpdate = requestUpdate
    }

    func encodeBody(into buffer: inout ByteBuffer) {
        buffer.writeInteger(requestUpdate.rawValue)
    }

    static func decodeBody(_ buffer: inout ByteBuffer) throws -> KeyUpdate {
        let value = try buffer.readTLSUInt8()
        guard let request = KeyUpdateRequest(rawValue: value) else {
            throw PeerMisbehaved.illegalParameter("KeyUpdate.request_update of \(value)")
        }
        return KeyUpdate(requestUpdate: request)
    }
}
