package fr.paris.ledger.application.platform;

import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.EventLog;
import fr.paris.ledger.application.support.Hostile;
import fr.paris.ledger.application.support.Hostile.Case;
import fr.paris.ledger.application.support.Hostile.Endpoint;
import fr.paris.ledger.application.support.Hostile.Field;
import fr.paris.ledger.application.support.Hostile.Fixture;
import fr.paris.ledger.application.support.Hostile.Target;
import fr.paris.ledger.application.support.Hostile.Value;
import fr.paris.ledger.application.support.HostileGenerator;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Generated hostile inputs: values no field of its kind takes, put into a body every write endpoint
 * otherwise accepts; bodies cut short; and any JSON value at all in any field. The rule is
 * {@link Hostile#check}; the values come from {@link HostileGenerator}.
 *
 * <p>Plain JUnit: each test factory makes {@code hostile.tries} tries (100 in CI; the long run
 * {@code -Dhostile.tries=3000 -Dhostile.full=true}), try {@code n} drawing its case from a
 * {@link Random} seeded with {@code hostile.seed} (a new one each run unless set), the test's name
 * and {@code n}. A failure names the seed and the try: {@code -Dhostile.seed=<seed>} makes the same
 * cases again, in the same order.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = {Hostile.ISSUER_PROPERTY, Hostile.AUDIENCE_PROPERTY, Hostile.NO_PARTICIPANT_LIMIT})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputPropertiesTest {
    static final long SEED = seed();
    static final int TRIES = tries();

    /** A field of an endpoint, with what it is called with. */
    record Slot(Endpoint endpoint, Target target, String field, Field spec) {
        @Override
        public String toString() {
            return endpoint + " " + field;
        }
    }

    record Mutation(Slot slot, Value value) {
        @Override
        public String toString() {
            String json = value.json().length() > 80 ? value.json().substring(0, 80) + "..." : value.json();
            return slot + " = " + value.label() + " " + json;
        }
    }

    /** What a try sends: its label, the body, and whether it must be refused. */
    record Attempt(Slot slot, String body, boolean mustRefuse, String label) {
    }

    private final AtomicInteger sent = new AtomicInteger();
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    private Api api;
    private EventLog events;
    private List<Slot> slots;
    private Fixture refusals;
    private Fixture anything;

    @BeforeAll
    void start() {
        System.out.println("Hostile-input properties: seed " + SEED + " (-Dhostile.seed=" + SEED + " repeats this run), "
                + TRIES + " tries each (-Dhostile.tries)");
        api = new Api(port);
        events = new EventLog(jdbc);
        slots = new ArrayList<>();
        Hostile.targets(Hostile.writeEndpoints(api)).forEach((endpoint, target) -> target.fields().forEach((field, spec) ->
                slots.add(new Slot(endpoint, target, field, spec))));
        refusals = Fixture.create(api, "generated", 2992);
        anything = Fixture.create(api, "anything", 2993);
    }

    @AfterAll
    void stop() {
        System.out.println("Hostile-input properties: " + sent.get() + " requests sent (seed " + SEED + ")");
    }

    @TestFactory
    Stream<DynamicTest> a_value_no_field_of_its_kind_takes_is_refused_and_writes_nothing() {
        return tries("refused-value", refusals, r -> {
            Mutation m = refusedMutation(r);
            return new Attempt(m.slot(), Hostile.withField(m.slot().target(), m.slot().field(), m.value().json()), true,
                    m.toString());
        });
    }

    @TestFactory
    Stream<DynamicTest> a_body_cut_short_is_refused_and_writes_nothing() {
        return tries("cut-body", refusals, r -> {
            Slot slot = HostileGenerator.pick(r, slots);
            String valid = slot.target().validBody();
            double cut = HostileGenerator.integral(r, 0, 999) / 1000.0;
            // 1 to length - 1 characters: never empty (no body at all is fine where the body is optional), never whole
            String body = valid.substring(0, 1 + (int) (cut * (valid.length() - 2)));
            return new Attempt(slot, body, true, slot.endpoint() + " body cut to " + body.length() + " characters");
        });
    }

    @TestFactory
    Stream<DynamicTest> any_json_value_in_any_field_is_never_a_5xx_and_a_refusal_writes_nothing() {
        return tries("any-value", anything, r -> {
            Mutation m = new Mutation(HostileGenerator.pick(r, slots), HostileGenerator.anyValue(r));
            return new Attempt(m.slot(), Hostile.withField(m.slot().target(), m.slot().field(), m.value().json()),
                    Hostile.refuses(m.slot().spec(), m.value()), m.toString());
        });
    }

    /** A slot and a value its kind must refuse (drawn again until it is one). */
    private Mutation refusedMutation(Random r) {
        for (int i = 0; i < 10_000; i++) {
            Mutation m = new Mutation(HostileGenerator.pick(r, slots), HostileGenerator.value(r));
            if (Hostile.refuses(m.slot().spec(), m.value())) {
                return m;
            }
        }
        throw new IllegalStateException("no refused value in 10,000 draws");
    }

    /**
     * {@link #TRIES} tests, try {@code n} (from 1) sending what {@code make} draws from
     * {@link HostileGenerator#random}({@link #SEED}, name, n); a failure names the seed and the try.
     */
    private Stream<DynamicTest> tries(String name, Fixture f, Function<Random, Attempt> make) {
        return IntStream.rangeClosed(1, TRIES).mapToObj(n -> {
            String where = "seed " + SEED + ", " + name + " try " + n + "/" + TRIES;
            Attempt a;
            try {
                a = make.apply(HostileGenerator.random(SEED, name, n));
            } catch (RuntimeException e) {
                return DynamicTest.dynamicTest("try " + n, () -> {
                    throw failure(where, e);
                });
            }
            return DynamicTest.dynamicTest("try " + n + ": " + a.label(), () -> {
                try {
                    send(f, a);
                } catch (AssertionError | RuntimeException e) {
                    throw failure(where, e);
                }
            });
        });
    }

    private static AssertionError failure(String where, Throwable e) {
        return new AssertionError("[" + where + "; -Dhostile.seed=" + SEED + " repeats it] " + e.getMessage(), e);
    }

    private void send(Fixture f, Attempt a) {
        sent.incrementAndGet();
        Endpoint e = a.slot().endpoint();
        Hostile.check(api, events, new Case(a.label(), e.method(), f.path(e.template()),
                f.tokenFor(a.slot().target()), a.body(), "application/json", Map.of(), a.mustRefuse(), null));
    }

    private static long seed() {
        String s = System.getProperty("hostile.seed");
        return s == null || s.isBlank() ? new Random().nextLong() : Long.parseLong(s.trim());
    }

    private static int tries() {
        int n = Integer.parseInt(System.getProperty("hostile.tries", "100").trim());
        if (n < 1) {
            throw new IllegalArgumentException("hostile.tries must be at least 1: " + n);
        }
        return n;
    }
}
