import TLSKit

/// A trace event and when it came, counted from the start of the TCP connect.
struct StampedTraceEvent: Sendable {
    var event: TLSTraceEvent
    var elapsed: Duration
}
