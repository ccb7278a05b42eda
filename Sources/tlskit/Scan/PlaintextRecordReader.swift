import TLSKit

/// Splits what a server sends before encryption starts into records (RFC 5246, Section 6.2.1;
/// RFC 8446, Section 5.1) and handshake messages (RFC 5246, Section 7.4), with a bound on
/// every length: a record may hold at most 2^14 + 2048 bytes, a handshake message at most
/// `maximumMessageLength`, and the reader accepts at most `maximumTotalBytes` in all.
/// Anything malformed is a `ScanProtocolError`, never a trap.
struct PlaintextRecordReader {
    /// One unit of what the server said.
    enum Event: Equatable {
        /// A whole handshake message: its type and its body (without the 4-byte header).
        case handshake(type: HandshakeType, body: [UInt8])
        /// An alert (RFC 5246, Section 7.2): level and description.
        case alert(level: UInt8, description: AlertDescription)
        /// ChangeCipherSpec (or a TLS 1.3 compatibility one, RFC 8446, Section D.4).
        case changeCipherSpec
        /// A record of another type (application data: encrypted from here on).
        case otherRecord(contentType: UInt8)
    }

    /// RFC 5246, Section 6.2.3: TLSCiphertext.length is at most 2^14 + 2048.
    static let maximumRecordLength = 16384 + 2048
    static let defaultMaximumTotalBytes = 64 * 1024

    let maximumTotalBytes: Int
    let maximumMessageLength: Int
    private var pending: [UInt8] = []
    private var handshakeBytes: [UInt8] = []
    private var pendingEvents: [Event] = []
    private(set) var totalBytes = 0
    /// The record-layer version of the first record, as the server wrote it.
    private(set) var firstRecordVersion: UInt16?

    init(maximumTotalBytes: Int = defaultMaximumTotalBytes, maximumMessageLength: Int = defaultMaximumTotalBytes) {
        self.maximumTotalBytes = maximumTotalBytes
        self.maximumMessageLength = maximumMessageLength
    }

    /// Takes more bytes from the connection.
    mutating func append(_ bytes: some Collection<UInt8>) throws(ScanProtocolError) {
        self.totalBytes += bytes.count
        guard self.totalBytes <= self.maximumTotalBytes else {
            throw ScanProtocolError("the server sent more than \(self.maximumTotalBytes) bytes before its ServerHelloDone")
        }
        self.pending.append(contentsOf: bytes)
    }

    /// The next complete event, or nil until more bytes arrive.
    mutating func next() throws(ScanProtocolError) -> Event? {
        while true {
            if !self.pendingEvents.isEmpty {
                return self.pendingEvents.removeFirst()
            }
            if let message = try self.nextHandshakeMessage() {
                return message
            }
            guard self.pending.count >= 5 else { return nil }
            let contentType = self.pending[0]
            let version = UInt16(self.pending[1]) << 8 | UInt16(self.pending[2])
            let length = Int(self.pending[3]) << 8 | Int(self.pending[4])
            guard (20...24).contains(contentType), self.pending[1] == 3 else {
                throw ScanProtocolError(
                    "the reply is not a TLS record (first bytes \(Self.hex(self.pending.prefix(5)))); is this port speaking TLS?")
            }
            guard length <= Self.maximumRecordLength else {
                throw ScanProtocolError("the server sent a record of \(length) bytes, more than the \(Self.maximumRecordLength) allowed")
            }
            guard self.pending.count >= 5 + length else { return nil }
            if self.firstRecordVersion == nil { self.firstRecordVersion = version }
            let fragment = Array(self.pending[5..<(5 + length)])
            self.pending.removeFirst(5 + length)
            switch contentType {
            case 22:
                guard !fragment.isEmpty else { throw ScanProtocolError("the server sent an empty handshake record") }
                self.handshakeBytes += fragment
            case 21:
                guard fragment.count == 2 else {
                    throw ScanProtocolError("the server sent an alert record of \(fragment.count) bytes instead of 2")
                }
                self.pendingEvents.append(.alert(level: fragment[0], description: AlertDescription(rawValue: fragment[1])))
            case 20:
                self.pendingEvents.append(.changeCipherSpec)
            default:
                self.pendingEvents.append(.otherRecord(contentType: contentType))
            }
        }
    }

    private mutating func nextHandshakeMessage() throws(ScanProtocolError) -> Event? {
        guard self.handshakeBytes.count >= 4 else { return nil }
        let length = Int(self.handshakeBytes[1]) << 16 | Int(self.handshakeBytes[2]) << 8 | Int(self.handshakeBytes[3])
        guard length <= self.maximumMessageLength else {
            throw ScanProtocolError("the server announced a handshake message of \(length) bytes, more than the \(self.maximumMessageLength) a scan reads")
        }
        guard self.handshakeBytes.count >= 4 + length else { return nil }
        let type = HandshakeType(rawValue: self.handshakeBytes[0])
        let body = Array(self.handshakeBytes[4..<(4 + length)])
        self.handshakeBytes.removeFirst(4 + length)
        return .handshake(type: type, body: body)
    }

    static func hex(_ bytes: some Collection<UInt8>) -> String {
        bytes.map { byte in
            let text = String(byte, radix: 16)
            return text.count < 2 ? "0" + text : text
        }.joined(separator: " ")
    }
}
