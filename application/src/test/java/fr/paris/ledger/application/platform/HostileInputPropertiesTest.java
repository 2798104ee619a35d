package fr.paris.ledger.application.platform;

import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.EventLog;
import fr.paris.ledger.application.support.Hostile;
import fr.paris.ledger.application.support.Hostile.Case;
import fr.paris.ledger.application.support.Hostile.Endpoint;
import fr.paris.ledger.application.support.Hostile.Field;
import fr.paris.ledger.application.support.Hostile.Fixture;
import fr.paris.ledger.application.support.Hostile.Kind;
import fr.paris.ledger.application.support.Hostile.Target;
import fr.paris.ledger.application.support.Hostile.Value;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.context.TestPropertySource;

/**
 * Generated hostile inputs (jqwik): values no field of its kind takes, put into a body every
 * write endpoint otherwise accepts; bodies cut short; and any JSON value at all in any field. The
 * rule is {@link Hostile#check}. jqwik has no Spring extension, so the class drives Spring's test
 * context itself: the same {@code @LedgerIntegrationTest} context, database of its own included.
 * Tries: {@code jqwik.tries.default} (100 per property in CI, see junit-platform.properties).
 */
@LedgerIntegrationTest
@TestPropertySource(properties = {Hostile.ISSUER_PROPERTY, Hostile.AUDIENCE_PROPERTY, Hostile.NO_PARTICIPANT_LIMIT})
class HostileInputPropertiesTest {
    /** A field of an endpoint, with what it is called with. */
    record Slot(Endpoint endpoint, Target target, String field, Field spec) {
        @Override
        public String toString() {
            return endpoint + " " + field;
        }
    }

    private static final AtomicInteger SENT = new AtomicInteger();
    private static TestContextManager spring;
    private static Api api;
    private static EventLog events;
    private static List<Slot> slots;
    private static Fixture refusals;
    private static Fixture anything;

    @BeforeContainer
    static void start() throws Exception {
        spring = new TestContextManager(HostileInputPropertiesTest.class);
        spring.beforeTestClass();
        ApplicationContext context = spring.getTestContext().getApplicationContext();
        api = new Api(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
        events = new EventLog(context.getBean(JdbcTemplate.class));
        slots = new ArrayList<>();
        Hostile.targets(Hostile.writeEndpoints(api)).forEach((endpoint, target) -> target.fields().forEach((field, spec) ->
                slots.add(new Slot(endpoint, target, field, spec))));
        refusals = Fixture.create(api, "generated", 2992);
        anything = Fixture.create(api, "anything", 2993);
    }

    @AfterContainer
    static void stop() throws Exception {
        System.out.println("Hostile-input properties: " + SENT.get() + " requests sent");
        spring.afterTestClass();
    }

    @Property
    void a_value_no_field_of_its_kind_takes_is_refused_and_writes_nothing(@ForAll("refusedMutations") Mutation m) {
        send(refusals, m.slot(), Hostile.withField(m.slot().target(), m.slot().field(), m.value().json()), true, m.toString());
    }

    @Property
    void a_body_cut_short_is_refused_and_writes_nothing(@ForAll("slots") Slot slot, @ForAll("fractions") double cut) {
        String valid = slot.target().validBody();
        // 1 to length - 1 characters: never empty (no body at all is fine where the body is optional), never whole
        String body = valid.substring(0, 1 + (int) (cut * (valid.length() - 2)));
        send(refusals, slot, body, true, slot.endpoint() + " body cut to " + body.length() + " characters");
    }

    @Property
    void any_json_value_in_any_field_is_never_a_5xx_and_a_refusal_writes_nothing(@ForAll("anyMutations") Mutation m) {
        send(anything, m.slot(), Hostile.withField(m.slot().target(), m.slot().field(), m.value().json()),
                Hostile.refuses(m.slot().spec(), m.value()), m.toString());
    }

    private static void send(Fixture f, Slot slot, String body, boolean mustRefuse, String label) {
        SENT.incrementAndGet();
        Endpoint e = slot.endpoint();
        Hostile.check(api, events, new Case(label, e.method(), f.path(e.template()), f.tokenFor(slot.target()), body,
                "application/json", Map.of(), mustRefuse, null));
    }

    record Mutation(Slot slot, Value value) {
        @Override
        public String toString() {
            String json = value.json().length() > 80 ? value.json().substring(0, 80) + "..." : value.json();
            return slot + " = " + value.label() + " " + json;
        }
    }

    @Provide
    Arbitrary<Slot> slots() {
        return Arbitraries.of(slots);
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1).ofScale(3).filter(d -> d < 1);
    }

    @Provide
    Arbitrary<Mutation> refusedMutations() {
        return Combinators.combine(slots(), values()).as(Mutation::new).filter(m -> Hostile.refuses(m.slot().spec(), m.value()));
    }

    @Provide
    Arbitrary<Mutation> anyMutations() {
        Arbitrary<Value> anyText = Arbitraries.strings().all().ofMaxLength(60)
                .map(s -> new Value("any string", quote(s), PlainTextOracle.refusedBy(s)));
        return Combinators.combine(slots(), Arbitraries.oneOf(values(), anyText)).as(Mutation::new);
    }

    /** Values with the kinds that must refuse them (see {@link Hostile#corpus()} for the reasoning per kind). */
    static Arbitrary<Value> values() {
        Set<Kind> all = Set.of(Kind.values());
        Arbitrary<Value> refusedCharacter = Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(20),
                Arbitraries.of(PlainTextOracle.REFUSED), Arbitraries.strings().alpha().ofMaxLength(20))
                .as((a, c, b) -> new Value("a refused character", "\"" + a + String.format("\\u%04x", (int) c) + b + "\"", all));
        Arbitrary<Value> tooLong = Arbitraries.integers().between(20_001, 40_000)
                .map(n -> new Value(n + " characters", "\"" + "y".repeat(n) + "\"", all));
        Arbitrary<Value> negative = Arbitraries.longs().between(Long.MIN_VALUE, -1)
                .map(n -> new Value("a negative number", Long.toString(n), except(all, Kind.TEXT, Kind.ID)));
        // six digits and more: above every integer field's maximum, and no postal code (JSON numbers are read as strings)
        Arbitrary<Value> tooLarge = Arbitraries.integers().between(100_001, Integer.MAX_VALUE)
                .map(n -> new Value("a large integer", Integer.toString(n), except(all, Kind.TEXT, Kind.ID, Kind.MONEY)));
        Arbitrary<Value> overflow = Arbitraries.bigIntegers().between(BigInteger.TWO.pow(63), BigInteger.TEN.pow(40))
                .map(n -> new Value("beyond a long", n.toString(), except(all, Kind.TEXT, Kind.ID)));
        Arbitrary<Value> fraction = Arbitraries.integers().between(-1000, 1000)
                .map(n -> new Value("a fraction", n + ".5", except(all, Kind.TEXT)));
        Arbitrary<Value> object = Arbitraries.integers().between(0, 100)
                .map(n -> new Value("an object", "{\"k\":" + n + "}", except(all, Kind.MAP)));
        Arbitrary<Value> array = Arbitraries.integers().list().ofMinSize(1).ofMaxSize(5)
                .map(l -> new Value("an array of integers", l.toString(), all));
        return Arbitraries.oneOf(refusedCharacter, tooLong, negative, tooLarge, overflow, fraction, object, array,
                Arbitraries.of(Hostile.corpus()));
    }

    private static Set<Kind> except(Set<Kind> all, Kind... kinds) {
        Set<Kind> s = new java.util.HashSet<>(all);
        s.removeAll(List.of(kinds));
        return s;
    }

    /** A JSON string literal, every character outside printable ASCII escaped (so that lone surrogates go through). */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }

    /** What the service must refuse in a string, by kind: any refused character for every kind, else only the non-text kinds. */
    static final class PlainTextOracle {
        static final List<Character> REFUSED;

        static {
            List<Character> r = new ArrayList<>();
            for (char c = 0; c < 0x20; c++) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    r.add(c);
                }
            }
            for (char c = 0x7F; c <= 0x9F; c++) {
                r.add(c);
            }
            for (char c : new char[] {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0xFFFE, 0xFFFF,
                    0xD800, 0xDBFF, 0xDC00, 0xDFFF}) {
                r.add(c);
            }
            REFUSED = List.copyOf(r);
        }

        private PlainTextOracle() {
        }

        /**
         * The kinds that must refuse {@code s}: all of them when it holds a refused character (an
         * unpaired surrogate included), else none we can tell for sure (a random string may be a
         * valid id, enum value or text, a number Jackson reads from a string, or an empty string read as absent).
         */
        static Set<Kind> refusedBy(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (REFUSED.contains(c) || Character.isSurrogate(c)) {
                    return Set.of(Kind.values());
                }
            }
            return Set.of();
        }
    }
}
