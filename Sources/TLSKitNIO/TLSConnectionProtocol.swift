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
}

extension TLSConnection: TLSConnectionProtocol {}
