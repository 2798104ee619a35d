package fr.paris.ledger.application.platform;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.EventLog;
import fr.paris.ledger.application.support.Hostile;
import fr.paris.ledger.application.support.Hostile.Case;
import fr.paris.ledger.application.support.Hostile.Endpoint;
import fr.paris.ledger.application.support.Hostile.Field;
import fr.paris.ledger.application.support.Hostile.Fixture;
import fr.paris.ledger.application.support.Hostile.Target;
import fr.paris.ledger.application.support.Hostile.Value;
import fr.paris.ledger.application.support.HostileTokens;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The hostile-input corpus, sent to every write endpoint of the OpenAPI document (see
 * {@link Hostile} for the rule each answer is held to). Cases that must be refused run first, on
 * resources in a state where the unchanged body would be accepted (checked afterwards: the valid
 * body passes every field check); cases that may be accepted run last, since they change state.
 * The generated cases are in {@link HostileInputPropertiesTest}.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = {Hostile.ISSUER_PROPERTY, Hostile.AUDIENCE_PROPERTY, Hostile.NO_PARTICIPANT_LIMIT})
class HostileInputTest {
    private static final String JSON = "application/json";
    /** Counted for docs/reliability.md. */
    private static final AtomicInteger SENT = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @TestFactory
    Stream<DynamicTest> every_hostile_request_is_refused_cleanly_and_writes_nothing() {
        Api api = new Api(port);
        EventLog events = new EventLog(jdbc);
        List<Endpoint> endpoints = Hostile.writeEndpoints(api);
        Map<Endpoint, Target> targets = Hostile.targets(endpoints);
        Fixture f = Fixture.create(api, "corpus", 2991);

        List<Case> refused = new ArrayList<>();
        List<Case> sanity = new ArrayList<>();
        List<Case> mayPass = new ArrayList<>();
        List<Map.Entry<String, String>> tokens = List.copyOf(HostileTokens.refused().entrySet());
        List<Map.Entry<String, String>> headers = List.copyOf(HostileTokens.refusedHeaders().entrySet());
        List<String> segments = List.of("%00", "..%2F..%2Fadmin", Hostile.segment("' OR '1'='1"),
                Hostile.segment("<script>alert(1)</script>"), Hostile.segment("abc\u202Etxt"), Hostile.segment("\u200B"),
                "%ED%A0%80", "%FF%FE", Hostile.segment("x".repeat(3000)), "-1", "99999999999999999999", "%20", "%2e%2e", "a;b=c");
        int n = 0;
        for (Endpoint e : endpoints) {
            n++;
            String path = f.path(e.template());
            Target target = targets.get(e);
            String valid = target == null ? null : target.validBody();
            String type = valid == null ? null : JSON;
            for (Map.Entry<String, String> t : Hostile.share(tokens, n, 5)) {
                refused.add(new Case(e + " token " + t.getKey(), e.method(), path, t.getValue(), valid, type, Map.of(), true,
                        "auth.unauthenticated"));
            }
            for (Map.Entry<String, String> h : Hostile.share(headers, n, 1)) {
                refused.add(new Case(e + " " + h.getKey(), e.method(), path, null, valid, type,
                        Map.of("Authorization", h.getValue()), true, "auth.unauthenticated"));
            }
            refused.add(new Case(e + " no token", e.method(), path, null, valid, type, Map.of(), true, "auth.unauthenticated"));
            for (String segment : Hostile.share(segments, n, 4)) {
                for (String p : Hostile.hostilePaths(f, e.template(), segment)) {
                    refused.add(new Case(e + " path " + p, e.method(), p, token(f, e, target), valid, type, Map.of(), true, null));
                }
            }
            refused.add(new Case(e + " body over 64 KiB", e.method(), path, token(f, e, target),
                    "{\"text\":\"" + "x".repeat(64 * 1024) + "\"}", JSON, Map.of(), true, "request.too-large"));
            if (!e.hasBody()) {
                continue;
            }
            for (String malformed : Hostile.share(List.of("{", "{\"a\":", "not json", "{'a':'b'}", "{\"a\":1,}", "{} trailing", "{}{}",
                    "{\"a\":NaN}", "[".repeat(5000), "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}", "\u0000"), n, 4)) {
                refused.add(new Case(e + " malformed " + abbreviate(malformed), e.method(), path, token(f, e, target),
                        malformed, JSON, Map.of(), true, null));
            }
            for (String wrongShape : Hostile.share(List.of("[]", "[{}]", "\"text\"", "42", "true"), n, 2)) {
                refused.add(new Case(e + " top-level " + wrongShape, e.method(), path, token(f, e, target), wrongShape, JSON,
                        Map.of(), true, "request.invalid"));
            }
            (e.bodyRequired() ? refused : mayPass).add(new Case(e + " top-level null", e.method(), path, token(f, e, target),
                    "null", JSON, Map.of(), e.bodyRequired(), null));
            (e.bodyRequired() ? refused : mayPass).add(new Case(e + " empty body", e.method(), path, token(f, e, target),
                    "", JSON, Map.of(), e.bodyRequired(), null));
            for (String media : Hostile.share(List.of("text/plain", "application/x-www-form-urlencoded", "application/xml",
                    "application/octet-stream", "multipart/form-data; boundary=x"), n, 2)) {
                refused.add(new Case(e + " content type " + media, e.method(), path, token(f, e, target), valid, media,
                        Map.of(), true, "request.unsupported-media-type"));
            }
            sanity.add(new Case(e + " the valid body", e.method(), path, token(f, e, target), valid, JSON, Map.of(), false, null));
            mayPass.add(new Case(e + " an extra field", e.method(), path, token(f, e, target),
                    valid.replaceFirst("\\{", "{\"unexpected\":{\"nested\":[1,\"x\"]},"), JSON, Map.of(), false, null));
            int fieldNumber = 0;
            for (Map.Entry<String, Field> field : target.fields().entrySet()) {
                fieldNumber++;
                String name = field.getKey();
                for (String missing : new String[] {null, "null"}) {
                    Case c = new Case(e + " " + name + (missing == null ? " missing" : " null"), e.method(), path,
                            token(f, e, target), Hostile.withField(target, name, missing), JSON, Map.of(),
                            field.getValue().required(), null);
                    (c.mustRefuse() ? refused : mayPass).add(c);
                }
                for (Value v : Hostile.share(Hostile.corpus(), n * 7 + fieldNumber, 14)) {
                    boolean must = Hostile.refuses(field.getValue(), v);
                    (must ? refused : mayPass).add(new Case(e + " " + name + " = " + v.label(), e.method(), path,
                            token(f, e, target), Hostile.withField(target, name, v.json()), JSON, Map.of(), must, null));
                }
            }
        }
        Stream<DynamicTest> refusals = refused.stream().map(c -> DynamicTest.dynamicTest(c.label(), () -> send(api, events, c)));
        Stream<DynamicTest> valid = sanity.stream().map(c -> DynamicTest.dynamicTest(c.label(), () -> {
            Api.Response r = api.send(c.method(), c.path(), c.token(), c.body(), c.contentType(), c.headers());
            SENT.incrementAndGet();
            assertThat(r.status()).as(c + " -> " + r).isLessThan(500);
            assertThat(r.status() < 400 || !"request.invalid".equals(r.code())).as("the valid body passes the field checks: "
                    + c + " -> " + r).isTrue();
        }));
        Stream<DynamicTest> others = mayPass.stream().map(c -> DynamicTest.dynamicTest(c.label(), () -> send(api, events, c)));
        return Stream.of(refusals, valid, others).flatMap(s -> s);
    }

    private static void send(Api api, EventLog events, Case c) {
        SENT.incrementAndGet();
        Hostile.check(api, events, c);
    }

    private static String token(Fixture f, Endpoint e, Target target) {
        return target == null ? Hostile.token(Hostile.roleOf(e), f.subject(new Target(null, null, null, Map.of())))
                : f.tokenFor(target);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "...(" + s.length() + ")" : s;
    }

    @AfterAll
    static void report() {
        System.out.println("Hostile-input corpus: " + SENT.get() + " requests sent");
    }
}
