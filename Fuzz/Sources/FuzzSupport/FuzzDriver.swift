import NIOCore
import TLSKit

/// Feeds fuzz input to a connection as the peer's bytes, cut into reads whose size the first
/// byte chooses, and drives it after each read. The connection must fail with a `TLSError`
/// or wait for more input; a crash or a hang is a finding.
public enum FuzzDriver {
    public static func feed(_ input: [UInt8], to connection: inout TLSConnection) {
        let step = max(1, Int(input.first ?? 1)) * 37
        var offset = 0
        while offset < input.count {
            let end = min(input.count, offset + step)
            var chunk = ByteBuffer(bytes: input[offset..<end])
            connection.receive(&chunk)
            offset = end
            do {
                while let action = try connection.nextAction() {
                    if case .verifyPeer = action { connection.completeVerification(.skippedInsecure) }
                }
            } catch {
                return
            }
        }
    }
}
