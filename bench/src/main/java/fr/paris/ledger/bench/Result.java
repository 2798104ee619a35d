package fr.paris.ledger.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one scenario measured: requests (or events, for the scenarios without requests), failures,
 * elapsed time, throughput, latency percentiles, the subject it acted on (a petition id, a campaign
 * year) and any further figures (sampled lag, counts).
 */
public record Result(String scenario, long requests, long failures, double seconds, long p50Micros, long p99Micros,
                     String subject, Map<String, Double> extra) {

    static Result of(String scenario, long[] latenciesNanos, long failures, double seconds, String subject) {
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        return new Result(scenario, sorted.length, failures, seconds, percentile(sorted, 0.50) / 1000,
                percentile(sorted, 0.99) / 1000, subject, new LinkedHashMap<>());
    }

    static Result counted(String scenario, long count, long failures, double seconds, String subject) {
        return new Result(scenario, count, failures, seconds, 0, 0, subject, new LinkedHashMap<>());
    }

    Result with(String name, double value) {
        extra.put(name, value);
        return this;
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
        return String.format("%s: %d %s, %d failed, %.1f s, %.0f/s, p50 %.1f ms, p99 %.1f ms%s%s", scenario, requests,
                p99Micros == 0 ? "events" : "requests", failures, seconds, perSecond(), p50Micros / 1000.0,
                p99Micros / 1000.0, subject == null ? "" : ", subject " + subject, extra.isEmpty() ? "" : ", " + extra);
    }
}
