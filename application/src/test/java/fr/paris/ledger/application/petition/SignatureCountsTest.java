package fr.paris.ledger.application.petition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.paris.ledger.application.api.ApiErrors.Busy;
import fr.paris.ledger.petition.PetitionId;
import fr.paris.ledger.petition.SignatureRecount;
import fr.paris.ledger.application.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The public as-of count's guards: final counts kept, counts as of now shared for a second, recounts limited. */
class SignatureCountsTest {
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    static final PetitionId PETITION = PetitionId.random();

    final TestClock clock = new TestClock();
    final AtomicInteger recounts = new AtomicInteger();
    final Function<Instant, SignatureRecount.Result> recount = at -> {
        recounts.incrementAndGet();
        return result(at.getEpochSecond());
    };

    SignatureCounts counts(int maxConcurrent, Duration wait) {
        clock.set(NOW);
        return new SignatureCounts(clock, Duration.ofSeconds(60), Duration.ofSeconds(1), 100, maxConcurrent, wait);
    }

    static SignatureRecount.Result result(long valid) {
        return new SignatureRecount.Result(valid, 0, 0, 0, 0, new TreeMap<>(), null);
    }

    @Test
    void a_count_as_of_a_settled_moment_is_recounted_once() {
        SignatureCounts counts = counts(2, Duration.ofSeconds(1));
        Instant past = NOW.minusSeconds(3600);
        assertThat(counts.countAsOf(PETITION, past, recount).asOf()).isEqualTo(past);
        assertThat(counts.countAsOf(PETITION, past, recount).result().validSignatures()).isEqualTo(past.getEpochSecond());
        assertThat(recounts).hasValue(1);
        counts.countAsOf(PetitionId.random(), past, recount);
        assertThat(recounts).as("another petition is another count").hasValue(2);
    }

    @Test
    void a_count_as_of_a_recent_moment_is_recounted_each_time() {
        SignatureCounts counts = counts(2, Duration.ofSeconds(1));
        Instant recent = NOW.minusSeconds(10);
        counts.countAsOf(PETITION, recent, recount);
        counts.countAsOf(PETITION, recent, recount);
        assertThat(recounts).hasValue(2);
    }

    @Test
    void a_count_as_of_now_is_shared_for_a_second_and_says_when_it_was_counted() {
        SignatureCounts counts = counts(2, Duration.ofSeconds(1));
        SignatureCounts.Count first = counts.countAsOf(PETITION, null, recount);
        clock.advance(Duration.ofMillis(300));
        SignatureCounts.Count second = counts.countAsOf(PETITION, null, recount);
        assertThat(recounts).hasValue(1);
        assertThat(second.asOf()).isEqualTo(first.asOf()).isEqualTo(NOW);
    }

    @Test
    void beyond_the_concurrent_recounts_a_request_waits_then_is_told_busy() throws Exception {
        SignatureCounts counts = counts(1, Duration.ofMillis(100));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<SignatureCounts.Count> slow = CompletableFuture.supplyAsync(() -> counts.countAsOf(PETITION,
                NOW.minusSeconds(5), at -> {
                    started.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return result(1);
                }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> counts.countAsOf(PETITION, NOW.minusSeconds(6), recount)).isInstanceOf(Busy.class);
        assertThat(recounts).hasValue(0);
        release.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS).result().validSignatures()).isEqualTo(1);
        assertThat(counts.countAsOf(PETITION, NOW.minusSeconds(6), recount).result().validSignatures())
                .as("capacity is back once the recount ends").isEqualTo(NOW.minusSeconds(6).getEpochSecond());
    }
}
