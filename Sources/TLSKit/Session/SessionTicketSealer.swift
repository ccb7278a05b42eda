import Crypto
import Foundation

/// Seals session state into a stateless ticket and opens it again (RFC 8446, Section 4.6.1
/// leaves the format to the server):
///
/// ```
/// format(1) = 1 || key_id<1..255> || nonce(12) || AES-256-GCM(state) || tag(16)
/// ```
/// with `format || key_id` as additional data, so that neither can be swapped.
enum SessionTicketSealer {
    static let format: UInt8 = 1
    private static let nonceLength = 12
    private static let tagLength = 16

    /// The ticket, or nil when the key is unusable or sealing fails (then no ticket is issued).
    static func seal(_ state: [UInt8], key: TicketKey) -> [UInt8]? {
        guard key.isUsable else { return nil }
        let header = [format, UInt8(truncatingIfNeeded: key.id.count)] + key.id
        guard let box = try? AES.GCM.seal(state, using: key.secret, authenticating: header) else { return nil }
        let ticket = header + Array(box.nonce) + Array(box.ciphertext) + Array(box.tag)
        return ticket.count <= 0xFFFF ? ticket : nil
    }

    /// The key id a ticket names, or nil when it is not one of ours.
    static func keyID(of ticket: [UInt8]) -> [UInt8]? {
        guard ticket.count > 2, ticket[0] == format else { return nil }
        let idLength = Int(ticket[1])
        guard idLength > 0, ticket.count >= 2 + idLength + nonceLength + tagLength else { return nil }
        return Array(ticket[2..<(2 + idLength)])
    }

    /// The sealed state, or nil when the ticket is malformed or fails authentication.
    static func open(_ ticket: [UInt8], key: TicketKey) -> [UInt8]? {
        guard let id = keyID(of: ticket), id == key.id else { return nil }
        let headerLength = 2 + id.count
        let header = Array(ticket[..<headerLength])
        let nonceEnd = headerLength + nonceLength
        guard let nonce = try? AES.GCM.Nonce(data: ticket[headerLength..<nonceEnd]),
            let box = try? AES.GCM.SealedBox(
                nonce: nonce, ciphertext: ticket[nonceEnd..<(ticket.count - tagLength)],
                tag: ticket[(ticket.count - tagLength)...]),
            let opened = try? AES.GCM.open(box, using: key.secret, authenticating: header)
        else { return nil }
        return Array(opened)
    }
}
