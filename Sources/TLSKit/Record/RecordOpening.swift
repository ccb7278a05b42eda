import NIOCore

/// Record protection that opens a record into the caller's buffer (so consecutive records
/// can share one); `open(_:)` gives a record a buffer of its own.
protocol RecordOpening {
    mutating func open(_ record: TLSRecord, appendingTo output: inout ByteBuffer) throws -> ContentType
}

extension RecordOpening {
    /// Opens one protected record into a buffer of its own: its content type and content.
    mutating func open(_ record: TLSRecord) throws -> (contentType: ContentType, plaintext: ByteBuffer) {
        // The content is never longer than the fragment.
        var plaintext = ByteBufferAllocator().buffer(capacity: record.fragment.readableBytes)
        let contentType = try open(record, appendingTo: &plaintext)
        return (contentType, plaintext)
    }
}
