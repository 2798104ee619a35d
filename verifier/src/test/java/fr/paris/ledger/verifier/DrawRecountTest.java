package fr.paris.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.shared.ParisCalendar;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.sortition.ApplicationRecorded;
import fr.paris.ledger.sortition.ApplicationId;
import fr.paris.ledger.sortition.ApplicationWithdrawn;
import fr.paris.ledger.sortition.CallClosed;
import fr.paris.ledger.sortition.CallDrawn;
import fr.paris.ledger.sortition.CallId;
import fr.paris.ledger.sortition.CouncilDefined;
import fr.paris.ledger.sortition.CouncilId;
import fr.paris.ledger.sortition.MemberSeated;
import fr.paris.ledger.sortition.PoolEntry;
import fr.paris.ledger.sortition.RandomSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recount} on worked example 1 of docs/sortition.md: the recorded draw, then altered ones, and
 * a pool frozen with or without an application withdrawn before the close.
 */
class DrawRecountTest {
    static final CouncilId COUNCIL = new CouncilId("cpj");
    static final CallId CALL = new CallId("2026");
    static final ParticipantId ADMIN = EventLog.staff("admin-1");
    static final Instant CLOSED = Instant.parse("2026-03-01T10:00:00Z");
    static final String POOL_HASH = "vW2OkqxrTUWwDm02IEvg6HC5NR1Tbitl+fBcPBHdoRY=";
    static final String KEY = "9319./2.5.8.10.12./9.18.26.34.41.45./";
    static final List<RandomSource> SOURCES = List.of(RandomSource.numbers(9319L), RandomSource.numbers(2L, 5L, 12L, 8L, 10L),
            RandomSource.numbers(9L, 18L, 26L, 34L, 41L, 45L));

    @TempDir
    Path dir;

    static ApplicationId app(int n) {
        return new ApplicationId(String.format("app-%012d", n));
    }

    /** The applicant of {@code app}: a reference in the council's scope. */
    static ParticipantId person(ApplicationId app) {
        return EventLog.citizen("council:" + COUNCIL.value() + ":" + app.value());
    }

    static ApplicationRecorded applied(PoolEntry entry) {
        return new ApplicationRecorded(COUNCIL, CALL, entry.applicationId(), person(entry.applicationId()), entry.group(),
                CLOSED.minusSeconds(86_400));
    }

    static List<PoolEntry> pool() {
        List<PoolEntry> pool = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            pool.add(new PoolEntry(app(i), i % 2 == 1 ? "F" : "M"));
        }
        return pool;
    }

    /** The call's closing, its draw and the seating of the drawn, as the service records them. */
    static EventLog draw(List<PoolEntry> pool, String key, Map<String, List<ApplicationId>> selected) {
        return draw(pool, key, selected, log -> { });
    }

    /** As above, with {@code beforeClose} adding events after the applications, before the call closes. */
    static EventLog draw(List<PoolEntry> pool, String key, Map<String, List<ApplicationId>> selected, Consumer<EventLog> beforeClose) {
        EventLog log = new EventLog();
        log.add(COUNCIL.aggregateId(), new CouncilDefined(COUNCIL, "Conseil parisien de la jeunesse", 4, 15, 30, true,
                Map.of("F", 2, "M", 2), 24, false, ADMIN, CLOSED.minusSeconds(86_400 * 30)));
        pool().forEach(entry -> log.add(COUNCIL.aggregateId(), applied(entry)));
        beforeClose.accept(log);
        log.add(COUNCIL.aggregateId(), new CallClosed(COUNCIL, CALL, pool, POOL_HASH, Map.of("F", 2, "M", 2), ADMIN, CLOSED));
        log.add(COUNCIL.aggregateId(), new CallDrawn(COUNCIL, CALL, "SHA256-V1", POOL_HASH, SOURCES, key, Map.of("F", 2, "M", 2), 1,
                selected, Map.of("F", List.of(app(1)), "M", List.of(app(8))), ADMIN, CLOSED.plusSeconds(3600)));
        Instant drawn = CLOSED.plusSeconds(3600);
        Instant end = drawn.atZone(ParisCalendar.ZONE).plusMonths(24).toInstant();
        new TreeMap<>(selected).forEach((group, apps) -> apps.forEach(a -> log.add(COUNCIL.aggregateId(),
                new MemberSeated(COUNCIL, a, person(a), group, CALL, drawn, end, null))));
        return log;
    }

    static final Map<String, List<ApplicationId>> SELECTED = Map.of("F", List.of(app(7), app(3)), "M", List.of(app(10), app(4)));

    @Test
    void theRecordedDrawIsRecomputed() throws Exception {
        EventLog.Result r = draw(pool(), KEY, SELECTED).recount(dir);
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(r.out()).contains("OK   draw cpj/2026: pool hash ok, key ok, selection equal, pool from applications ok")
                .contains("OK   seats cpj: 4 seatings, 0 resignations follow the draws and the alternates' order")
                .contains("OK: 0 decided petitions, 0 budget campaigns, 1 draws, 1 councils' seats recounted");
    }

    @Test
    void anAlteredSelectionIsCaught() throws Exception {
        EventLog.Result r = draw(pool(), KEY, Map.of("F", List.of(app(3), app(7)), "M", List.of(app(10), app(4)))).recount(dir);
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("DIFF draw cpj/2026: pool hash ok, key ok, selection DIFFERS, pool from applications ok (selected F: recorded "
                + "[app-000000000003, app-000000000007], recounted [app-000000000007, app-000000000003])");
    }

    @Test
    void anAlteredPoolOrKeyIsCaught() throws Exception {
        List<PoolEntry> swapped = new ArrayList<>(pool());
        swapped.set(0, pool().get(2));
        swapped.set(2, pool().get(0));
        EventLog.Result r = draw(swapped, "9319./2.5.8.10.12./9.18.26.34.41.46./", SELECTED).recount(dir);
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("DIFF draw cpj/2026: pool hash DIFFERS, key DIFFERS, selection DIFFERS, pool from applications DIFFERS "
                + "(the pool recorded at closing hashes to ")
                .contains("the random sources give " + KEY + ", the draw recorded 9319./2.5.8.10.12./9.18.26.34.41.46./")
                .contains("at position 0, recorded app-000000000003:F, recounted app-000000000001:F)");
    }

    /** Application 11 (F) is recorded after the ten of the example, then withdrawn before the close. */
    static void appliedAndWithdrew11(EventLog log) {
        PoolEntry eleven = new PoolEntry(app(11), "F");
        log.add(COUNCIL.aggregateId(), applied(eleven));
        log.add(COUNCIL.aggregateId(), new ApplicationWithdrawn(COUNCIL, CALL, app(11), person(app(11)), CLOSED.minusSeconds(3600)));
    }

    @Test
    void anApplicationWithdrawnBeforeTheCloseIsNotInThePool() throws Exception {
        EventLog.Result r = draw(pool(), KEY, SELECTED, DrawRecountTest::appliedAndWithdrew11).recount(dir);
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(r.out()).contains("OK   draw cpj/2026: pool hash ok, key ok, selection equal, pool from applications ok");
    }

    @Test
    void aPoolThatKeepsAWithdrawnApplicationIsCaught() throws Exception {
        List<PoolEntry> kept = new ArrayList<>(pool());
        kept.add(new PoolEntry(app(11), "F"));
        EventLog.Result r = draw(kept, KEY, SELECTED, DrawRecountTest::appliedAndWithdrew11).recount(dir);
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("pool from applications DIFFERS (")
                .contains("the pool frozen at closing is not the call's applications less those withdrawn before it closed: "
                        + "at position 10, recorded app-000000000011:F, recounted nothing)");
    }
}
