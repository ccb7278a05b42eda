import NIOCore

/// How long the interop tests wait for what must happen: a handshake, a peer that starts
/// listening, answers or exits, a line in its log.
///
/// Every wait ends as soon as its event happens, so these limits cost nothing on a green run;
/// they only bound a run that hangs. They are generous because the whole suite runs in
/// parallel on machines with two cores, often busy with a build: there a handshake that takes
/// 30 ms alone can take many seconds.
enum InteropTimeouts {
    /// TCP connection or TLS handshake, either side (`TLSClient.connect`, `TLSServer.bind`).
    static let handshake: TimeAmount = .seconds(120)
    /// A peer process or a server in the test process to listen, answer, log or exit.
    static let peer: Duration = .seconds(120)
}
