/// Whether a traced step went out from this side or came in from the peer.
public enum TLSTraceDirection: String, Sendable, Hashable {
    case sent
    case received
}
