/// A connection accepted by `TLSServer` whose handshake has completed: `summary` says what
/// was negotiated (the client's certificates in `peerCertificates`, the SNI it sent in
/// `serverName`). Read and write plaintext inside `executeThenClose`, which sends close_notify
/// and closes the connection when the body returns or throws.
///
/// ```swift
/// for await connection in server.connections {
///     Task {
///         try await connection.executeThenClose { inbound, outbound in
///             for try await chunk in inbound { try await outbound.write(chunk) }
///         }
///     }
/// }
/// ```
///
/// See `TLSAsyncConnection` for reading, writing and closing.
public typealias TLSServerConnection = TLSAsyncConnection
