import NIOCore
import TLSKit

extension TLSProtocolConfiguration {
    /// This configuration with `limits.handshakeTimeout` set to `timeout`; unchanged for nil.
    func withHandshakeTimeout(_ timeout: TimeAmount?) -> Self {
        guard let timeout else { return self }
        var configuration = self
        configuration.limits.handshakeTimeout = .nanoseconds(timeout.nanoseconds)
        return configuration
    }
}
