import Foundation

/// Conversions between `Date` and the millisecond counts that tickets and ticket ages use
/// (RFC 8446, Sections 4.2.11.1 and 4.6.1). The core reads no clock of its own: every "now"
/// comes from the configuration's `now` closure.
enum SessionTime {
    /// Milliseconds since 1970, clamped to 0...2^53 so that no date can trap the conversion.
    static func milliseconds(_ date: Date) -> UInt64 {
        let value = date.timeIntervalSince1970 * 1000
        guard value.isFinite, value > 0 else { return 0 }
        return UInt64(min(value, 9_007_199_254_740_992))
    }

    /// The date `milliseconds` after 1970.
    static func date(milliseconds: UInt64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// `later - earlier` in milliseconds as a signed value (negative when `later` is earlier).
    static func millisecondsBetween(_ earlier: Date, _ later: Date) -> Int64 {
        let value = (later.timeIntervalSince(earlier) * 1000).rounded()
        guard value.isFinite else { return 0 }
        return Int64(max(-9_007_199_254_740_992, min(value, 9_007_199_254_740_992)))
    }
}
