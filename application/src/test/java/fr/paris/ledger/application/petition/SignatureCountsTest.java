package fr.paris.ledger.application.petition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.paris.ledger.application.api.ApiErrors.Busy;
import fr.paris.ledger.petition.PetitionId;
import fr.paris.ledger.petition.SignatureRecount;
import fr.paris.ledger.application.support.TestClock;
import fr.paris.ledger.infra.web.RateLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.temporal.ChronoUnit;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The public as-of count's guards: moments rounded to the second, final counts kept, counts as of
 * now (or a recent second) shared for a second, recounts limited per address and at once.
 */
class SignatureCountsTest {
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    static final PetitionId PETITION = PetitionId.random();

    final TestClock clock = new TestClock();
    final AtomicInteger recounts = new AtomicInteger();
    final Function<Instant, SignatureRecount.Result> recount = at -> {
        recounts.incrementAndGet();
        return result(at.getEpochSecond());
    };

    static final String CLIENT = "203.0.113.7";
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    SignatureCounts counts(int maxConcurrent, Duration wait) {
        return counts(maxConcurrent, wait, 1_000);
    }

    SignatureCounts counts(int maxConcurrent, Duration wait, long recountsPerMinute) {
        clock.set(NOW);
        return new SignatureCounts(clock, Duration.ofSeconds(60), Duration.ofSeconds(1), 100, maxConcurrent, wait,
                new RateLimiter(recountsPerMinute, Duration.ofMinutes(1), 1_000), meters);
    }

    SignatureCounts.Count count(SignatureCounts counts, Instant asOf) {
        return counts.countAsOf(PETITION, asOf, CLIENT, recount);
    }

    static SignatureRecount.Result result(long valid) {
        return new SignatureRecount.Result(valid, 0, 0, 0, 0, new TreeMap<>(), null);
    }

    @Test
    void a_count_as_of_a_settled_moment_is_recounted_once() {
        SignatureCounts counts = counts(2, Duration.ofSeconds(1));
        Instant past = NOW.minusSeconds(3600);
        assertThat(count(counts, past).asOf()).isEqualTo(past);
        assertThat(count(counts, past).result().validSignatures()).isEqualTo(past.getEpochSecond());
        assertThat(recounts).hasValue(1);
        counts.countAsOf(PetitionId.random(), past, CLIENT, recount);
        assertThat(recounts).as("another petition is another count").hasValue(2);
    }

    @Test
    void a_count_as_of_a_recent_moment_is_shared_for_a_second_then_recounted() {
        SignatureCounts counts = counts(2, Duration.ofSeconds(1));
        Instant recent = NOW.minusSeconds(10);
        count(counts, recent);
        count(counts, recent.plusMillis(999));
        assertThat(recounts).hasValue(1);
        clock.advance(Duration.ofMillis(1_001));
        sleepPastTtl();
        count(counts, recent);
        assertThat(recounts).as("not final yet: counted again once the second's answer expired").hasValue(2);
    }

    private static void sleepPastTtl() {
        try {
            Thread.sleep(1_100); // Caffeine's expiry reads the system ticker, not the test clock
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- issue 14: varying asOf by a microsecond bypassed the kept counts

    @Test
    void moments_within_one_second_are_one_count_answered_as_of_that_second() {
        SignatureCounts counts = counts(2, Duration.ofSeconds(1), 10);
        Instant second = NOW.minusSeconds(3600);
        for (int i = 0; i < 500; i++) {
            SignatureCounts.Count c = count(counts, second.plus(i * 7L, ChronoUnit.MICROS).plusNanos(i));
            assertThat(c.asOf()).isEqualTo(second);
            assertThat(c.result().validSignatures()).isEqualTo(second.getEpochSecond());
        }
        Instant recentSecond = NOW.minusSeconds(5);
        for (int i = 0; i < 500; i++) {
            assertThat(count(counts, recentSecond.plus(i, ChronoUnit.MICROS)).asOf()).isEqualTo(recentSecond);
        }
        assertThat(recounts).hasValue(2);
        assertThat(meters.get("ledger.petition.recounts").tag("asOf", "past").counter().count()).isEqualTo(1.0);
        assertThat(meters.get("ledger.petition.recounts").tag("asOf", "recent").counter().count()).isEqualTo(1.0);
    }

    @Test
    void recounts_are_limited_per_address_and_kept_counts_are_not() {
        SignatureCounts counts = counts(2, Duration.ofSeconds(1), 10);
        Instant past = NOW.minusSeconds(3600);
        for (int i = 0; i < 10; i++) {
            count(counts, past.plusSeconds(i));
        }
        assertThatThrownBy(() -> count(counts, past.plusSeconds(10)))
                .isInstanceOfSatisfying(RateLimiter.Exceeded.class, e -> assertThat(e.seconds()).isBetween(1L, 60L));
        assertThat(recounts).hasValue(10);
        assertThat(count(counts, past.plusSeconds(3).plusMillis(500)).asOf()).as("a kept count is still served")
                .isEqualTo(past.plusSeconds(3));
        assertThat(counts.countAsOf(PETITION, past.plusSeconds(10), "198.51.100.2", recount).asOf())
                .as("another address has its own allowance").isEqualTo(past.plusSeconds(10));
        assertThat(count(counts, null).asOf()).as("the count as of now is not limited per address").isEqualTo(NOW);
        assertThat(recounts).hasValue(12);
    }

    @Test
    void a_count_as_of_now_is_shared_for_a_second_and_says_when_it_was_counted() {
        SignatureCounts counts = counts(2, Duration.ofSeconds(1));
        SignatureCounts.Count first = count(counts, null);
        clock.advance(Duration.ofMillis(300));
        SignatureCounts.Count second = count(counts, null);
        assertThat(recounts).hasValue(1);
        assertThat(second.asOf()).isEqualTo(first.asOf()).isEqualTo(NOW);
    }

    @Test
    void beyond_the_concurrent_recounts_a_request_waits_then_is_told_busy() throws Exception {
        SignatureCounts counts = counts(1, Duration.ofMillis(100));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<SignatureCounts.Count> slow = CompletableFuture.supplyAsync(() -> counts.countAsOf(PETITION,
                NOW.minusSeconds(5), CLIENT, at -> {
                    started.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return result(1);
                }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> count(counts, NOW.minusSeconds(6))).isInstanceOf(Busy.class);
        assertThat(recounts).hasValue(0);
        release.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS).result().validSignatures()).isEqualTo(1);
        assertThat(count(counts, NOW.minusSeconds(6)).result().validSignatures())
                .as("capacity is back once the recount ends").isEqualTo(NOW.minusSeconds(6).getEpochSecond());
    }
}
