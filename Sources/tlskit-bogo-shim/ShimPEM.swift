import SwiftASN1
import TLSKit
import X509

/// Reading `-expect-peer-cert-file` for comparison with what the peer sent.
enum ShimPEM {
    /// The DER certificates of a PEM file, in order.
    static func derChain(file: String) throws -> [[UInt8]] {
        try PEMCertificateLoader.certificates(fromPEMFile: file).map { certificate in
            var serializer = DER.Serializer()
            try serializer.serialize(certificate)
            return serializer.serializedBytes
        }
    }
}
