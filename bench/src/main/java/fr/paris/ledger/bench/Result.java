package fr.paris.ledger.bench;

import java.util.Arrays;

/** What one scenario measured: requests, failures, elapsed time, throughput and latency percentiles. */
public record Result(String scenario, long requests, long failures, double seconds, long p50Micros, long p99Micros) {

    static Result of(String scenario, long[] latenciesNanos, long failures, double seconds) {
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        return new Result(scenario, sorted.length, failures, seconds, percentile(sorted, 0.50) / 1000,
                percentile(sorted, 0.99) / 1000);
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    public double perSecond() {
        return seconds == 0 ? 0 : (requests - failures) / seconds;
    }

    @Override
    public String toString() {
        return String.format("%s: %d requests, %d failed, %.1f s, %.0f/s, p50 %.1f ms, p99 %.1f ms", scenario, requests,
                failures, seconds, perSecond(), p50Micros / 1000.0, p99Micros / 1000.0);
    }
}
