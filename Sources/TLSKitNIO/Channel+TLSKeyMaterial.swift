import NIOCore
import TLSKit

extension Channel {
    /// Runs `TLSHandler.exportKeyingMaterial` on the channel's event loop.
    func exportTLSKeyingMaterial(label: String, context: [UInt8]?, length: Int) async throws -> [UInt8] {
        try await self.eventLoop.submit {
            let handler = try self.pipeline.syncOperations.handler(type: TLSHandler.self)
            return try handler.exportKeyingMaterial(label: label, context: context, length: length)
        }.get()
    }
}
