import NIOCore
import TLSKit

/// The sans-I/O surface `TLSHandler` drives. `TLSConnection` is the only production conformer;
/// the protocol exists so the handler's I/O logic can be tested with a scripted connection.
protocol TLSConnectionProtocol {
    mutating func receive(_ bytes: inout ByteBuffer)
    mutating func nextAction() throws -> TLSAction?
    mutating func completeVerification(_ result: CertificateVerificationResult)
    mutating func write(_ plaintext: ByteBuffer) throws
    mutating func close()
    mutating func updateKeys(requestPeerUpdate: Bool) throws
    func exportKeyingMaterial(label: String, context: [UInt8]?, length: Int) throws -> [UInt8]
}

extension TLSConnectionProtocol {
    mutating func updateKeys(requestPeerUpdate: Bool) throws {
        throw TLSError(code: .invalidState, reason: "this connection cannot update keys")
    }

    func exportKeyingMaterial(label: String, context: [UInt8]?, length: Int) throws -> [UInt8] {
        throw TLSError(code: .invalidState, reason: "this connection cannot export keying material")
    }
}

extension TLSConnection: TLSConnectionProtocol {}
