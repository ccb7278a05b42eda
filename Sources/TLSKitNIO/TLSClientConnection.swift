/// An established TLS client connection: the handshake has completed and `summary` says what
/// was negotiated. Read and write plaintext inside `executeThenClose`, which sends close_notify
/// and closes the connection when the body returns or throws.
///
/// ```swift
/// let connection = try await TLSClient.connect(host: "example.com", port: 443, configuration: configuration)
/// print(connection.summary.cipherSuite)
/// try await connection.executeThenClose { inbound, outbound in
///     try await outbound.write(ByteBuffer(string: "GET / HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n"))
///     for try await chunk in inbound {
///         print(String(buffer: chunk), terminator: "")
///     }
/// }
/// ```
///
/// See `TLSAsyncConnection` for reading, writing and closing.
public typealias TLSClientConnection = TLSAsyncConnection
