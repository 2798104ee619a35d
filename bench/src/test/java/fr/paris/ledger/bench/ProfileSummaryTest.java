package fr.paris.ledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ProfileSummary on a real recording of this JVM: the hashing loop shows up under SHA-256, and areas are matched by prefix. */
class ProfileSummaryTest {
    @TempDir
    Path dir;

    @Test
    void a_recording_of_a_hashing_loop_is_summarized_with_its_samples_under_sha256() throws Exception {
        Path file = dir.resolve("hashing.jfr");
        byte[] data = new byte[1 << 16];
        byte[] digest = new byte[32];
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            while (System.nanoTime() < until) {
                sha.update(data);
                digest = sha.digest();
                data[0] = digest[0];
            }
            recording.stop();
            recording.dump(file);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProfileSummary.summarize(file, 5, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(out).containsPattern("^[1-9][0-9]* CPU samples \\(hashing.jfr\\)");
        // most samples of the test thread are in the digest: its share is well above zero
        assertThat(out).containsPattern("\\| SHA-256 \\| ([2-9][0-9]|100)\\.[0-9] % \\| ([2-9][0-9]|100)\\.[0-9] % \\|");
        assertThat(out).contains("| method at the top of the stack (self) | share of samples |");
    }

    @Test
    void frames_are_put_in_the_first_area_whose_prefix_they_have() {
        assertThat(ProfileSummary.area("org.springframework.security.web.FilterChainProxy.doFilter")).isEqualTo("Spring Security filters");
        assertThat(ProfileSummary.area("org.springframework.web.servlet.DispatcherServlet.doDispatch")).isEqualTo("Spring MVC");
        assertThat(ProfileSummary.area("org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.appendEvents"))
                .isEqualTo("Axon event store");
        assertThat(ProfileSummary.area("java.lang.String.length")).isNull();
        assertThat(ProfileSummary.threadGroup("http-nio-18080-exec-12")).isEqualTo("http-nio-18080-exec");
        assertThat(ProfileSummary.threadGroup("EventProcessor[petitions]-0")).isEqualTo("EventProcessor[petitions]");
    }
}
