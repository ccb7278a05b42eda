/// Where a benchmark leaves results that must not be optimized away.
final class BenchmarkSink {
    var value = 0
}
