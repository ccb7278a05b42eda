/// What a client session is filed under: the server name and the ALPN protocols offered
/// (a session is only offered again on a connection that asks for the same).
public struct ClientSessionKey: Hashable, Sendable {
    public var serverName: String?
    public var applicationProtocols: [String]

    public init(serverName: String?, applicationProtocols: [String]) {
        self.serverName = serverName
        self.applicationProtocols = applicationProtocols
    }
}
