package fr.paris.ledger.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarizes a JFR recording's CPU samples ({@code jdk.ExecutionSample}) for docs/benchmarks.md: the
 * share of samples in each area of the code, innermost (each sample counted once, in the area of the
 * frame nearest the top of its stack that belongs to one: these add up to 100 % with the JDK-only
 * rest) and inclusive (a sample counts in every area that has a frame anywhere in its stack: nested
 * areas, so they add up to more than 100 %), the share by thread group, and the methods most often
 * at the top of the stack (self time).
 *
 * <pre>java -cp bench/target/ledger-bench.jar fr.paris.ledger.bench.ProfileSummary FILE.jfr [--top 15]</pre>
 *
 * <p>Only the JDK's {@code jdk.jfr.consumer} API is used (no profiler to install); a recording is
 * made with {@code jcmd <pid> JFR.start settings=profile} or {@code -XX:StartFlightRecording}.
 */
public final class ProfileSummary {
    /** Areas of the code by frame prefix, in the order printed; a frame belongs to the first that matches. */
    static final Map<String, List<String>> AREAS = new LinkedHashMap<>();

    static {
        AREAS.put("HTTP server (Tomcat)", List.of("org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat."));
        AREAS.put("Spring Security filters", List.of("org.springframework.security."));
        AREAS.put("JWT decoding and HMAC", List.of("com.nimbusds.", "javax.crypto.", "com.sun.crypto."));
        AREAS.put("Spring MVC", List.of("org.springframework.web."));
        AREAS.put("Axon command handling", List.of("org.axonframework.commandhandling.", "org.axonframework.modelling.",
                "org.axonframework.eventsourcing.EventSourcingRepository", "org.axonframework.eventsourcing.AggregateSnapshotter"));
        AREAS.put("Axon event store", List.of("org.axonframework.eventsourcing.eventstore."));
        AREAS.put("Axon event processors", List.of("org.axonframework.eventhandling."));
        AREAS.put("Jackson (JSON)", List.of("com.fasterxml.jackson."));
        AREAS.put("JDBC driver (PostgreSQL)", List.of("org.postgresql."));
        AREAS.put("connection pool (Hikari)", List.of("com.zaxxer.hikari."));
        AREAS.put("Spring transactions and JDBC", List.of("org.springframework.transaction.", "org.springframework.jdbc."));
        AREAS.put("Micrometer observations", List.of("io.micrometer."));
        AREAS.put("regular expressions", List.of("java.util.regex."));
        AREAS.put("SHA-256", List.of("sun.security.provider.SHA", "sun.security.provider.DigestBase", "java.security.MessageDigest"));
        AREAS.put("JSON canonicalization (JCS)", List.of("org.erdtman.jcs."));
        AREAS.put("the ledger's own code", List.of("fr.paris.ledger."));
        AREAS.put("logging", List.of("ch.qos.logback.", "org.slf4j."));
    }

    static final String OTHER = "none of these (the JDK alone: threads, I/O, collections)";

    private ProfileSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ProfileSummary FILE.jfr [--top N]");
            System.exit(2);
        }
        int top = args.length >= 3 && args[1].equals("--top") ? Integer.parseInt(args[2]) : 15;
        summarize(Path.of(args[0]), top, System.out);
    }

    /** Reads the recording and prints the summary as Markdown. */
    static void summarize(Path recording, int top, PrintStream out) throws IOException {
        long samples = 0;
        Map<String, Long> areas = new HashMap<>();
        Map<String, Long> innermost = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                Set<String> seen = new LinkedHashSet<>();
                for (RecordedFrame frame : stack.getFrames()) {
                    String area = area(name(frame.getMethod()));
                    if (area != null) {
                        seen.add(area);
                    }
                }
                seen.forEach(a -> areas.merge(a, 1L, Long::sum));
                // frames run from the top of the stack: the first area seen is the innermost
                innermost.merge(seen.isEmpty() ? OTHER : seen.iterator().next(), 1L, Long::sum);
                threads.merge(threadGroup(event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName()),
                        1L, Long::sum);
                RecordedMethod leaf = stack.getFrames().get(0).getMethod();
                self.merge(name(leaf), 1L, Long::sum);
            }
        }
        out.printf("%d CPU samples (%s)%n%n", samples, recording.getFileName());
        if (samples == 0) {
            return;
        }
        out.println("| area of the code | innermost (the sample's CPU goes to the area nearest the top of its stack) | inclusive (anywhere in the stack) |");
        out.println("|---|---|---|");
        for (String area : AREAS.keySet()) {
            long n = areas.getOrDefault(area, 0L);
            if (n > 0) {
                out.printf("| %s | %.1f %% | %.1f %% |%n", area, 100.0 * innermost.getOrDefault(area, 0L) / samples, 100.0 * n / samples);
            }
        }
        if (innermost.containsKey(OTHER)) {
            out.printf("| %s | %.1f %% | |%n", OTHER, 100.0 * innermost.get(OTHER) / samples);
        }
        out.println();
        out.println("| threads | share of samples |");
        out.println("|---|---|");
        for (Map.Entry<String, Long> e : sorted(threads, 8)) {
            out.printf("| %s | %.1f %% |%n", e.getKey(), 100.0 * e.getValue() / samples);
        }
        out.println();
        out.println("| method at the top of the stack (self) | share of samples |");
        out.println("|---|---|");
        for (Map.Entry<String, Long> e : sorted(self, top)) {
            out.printf("| `%s` | %.1f %% |%n", e.getKey(), 100.0 * e.getValue() / samples);
        }
    }

    static String area(String method) {
        for (Map.Entry<String, List<String>> a : AREAS.entrySet()) {
            for (String prefix : a.getValue()) {
                if (method.startsWith(prefix)) {
                    return a.getKey();
                }
            }
        }
        return null;
    }

    /** A thread's name without its number: "http-nio-18080-exec-12" becomes "http-nio-18080-exec". */
    static String threadGroup(String name) {
        return name.replaceAll("[-#]?\\d+$", "").replaceAll("\\[\\d+]$", "");
    }

    private static String name(RecordedMethod m) {
        return m == null ? "?" : m.getType().getName() + "." + m.getName();
    }

    private static List<Map.Entry<String, Long>> sorted(Map<String, Long> counts, int limit) {
        List<Map.Entry<String, Long>> list = new ArrayList<>(counts.entrySet());
        list.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return list.subList(0, Math.min(limit, list.size()));
    }
}
