import FuzzSupport
import NIOCore
@testable import TLSKit

/// The record deframer (RFC 8446, Section 5.1) against arbitrary bytes. The input is
/// deframed twice: whole, and cut into reads whose size the first byte chooses. Both must give
/// the same records and stop at the same error, every record must respect the length limit,
/// and no byte may be lost or invented.
@main
enum FuzzDeframerEntry {
    static func main() { LibFuzzer.run(testOneInput: fuzzDeframer) }
}

/// What deframing a byte stream gave: the records, whether it stopped at an error, and the
/// bytes left waiting for more input.
struct Deframed: Equatable {
    var records: [TLSRecord] = []
    var failed = false
    var buffered = 0
}

func deframe(_ input: [UInt8], readSize: Int) -> Deframed {
    var deframer = RecordDeframer()
    var result = Deframed()
    var offset = 0
    reading: while offset < input.count {
        let end = min(input.count, offset + readSize)
        var read = ByteBuffer(bytes: input[offset..<end])
        deframer.append(&read)
        precondition(read.readableBytes == 0, "append left bytes in the caller's buffer")
        offset = end
        do {
            while let record = try deframer.nextRecord() {
                precondition(record.fragment.readableBytes <= TLSRecord.maximumCiphertextLength, "oversized record")
                result.records.append(record)
            }
        } catch {
            result.failed = true
            break reading
        }
    }
    result.buffered = deframer.bufferedBytes
    return result
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzDeframer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = deframe(input, readSize: input.count)
    let pieces = deframe(input, readSize: Int(input[0] % 64) + 1)
    if !whole.failed {
        let framed = whole.records.reduce(0) { $0 + TLSRecord.headerLength + $1.fragment.readableBytes }
        precondition(framed + whole.buffered == input.count, "the deframer lost or invented bytes")
    }
    // Cut into reads, the stream may fail before its last bytes arrive; compare what both saw.
    if whole.failed == pieces.failed {
        precondition(whole.records == pieces.records, "records differ with the reads cut differently")
        if !whole.failed { precondition(whole.buffered == pieces.buffered, "buffered bytes differ") }
    } else {
        preconditionFailure("one way of reading failed and the other did not")
    }
    return 0
}
