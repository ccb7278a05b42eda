import Testing

@testable import TLSKit

/// The operating system's generator, asked once per call (`RandomBytes`).
@Suite struct RandomBytesTests {
    @Test func returnsTheCountAskedFor() {
        for count in [0, 1, 8, 24, 32, 255, 256, 257, 1000] {
            #expect(RandomBytes.generate(count: count).count == count)
        }
        #expect(RandomBytes.generate(count: -1).isEmpty)
    }

    /// Requests above getentropy's 256-byte limit are filled to the end, not left zero.
    @Test func fillsRequestsLongerThanOneCall() {
        let bytes = RandomBytes.generate(count: 1000)
        #expect(bytes[256...].contains { $0 != 0 })
        #expect(bytes[744...].contains { $0 != 0 })
    }

    /// Two hello randoms differ (a fixed or zero output would fail this with certainty).
    @Test func successiveCallsDiffer() {
        let first = RandomBytes.generate(count: 32)
        let second = RandomBytes.generate(count: 32)
        #expect(first != second)
        #expect(first != [UInt8](repeating: 0, count: 32))
    }
}
