package fr.paris.ledger.verifier;

import static fr.paris.ledger.verifier.DrawRecountTest.ADMIN;
import static fr.paris.ledger.verifier.DrawRecountTest.CALL;
import static fr.paris.ledger.verifier.DrawRecountTest.CLOSED;
import static fr.paris.ledger.verifier.DrawRecountTest.COUNCIL;
import static fr.paris.ledger.verifier.DrawRecountTest.KEY;
import static fr.paris.ledger.verifier.DrawRecountTest.POOL_HASH;
import static fr.paris.ledger.verifier.DrawRecountTest.SELECTED;
import static fr.paris.ledger.verifier.DrawRecountTest.SOURCES;
import static fr.paris.ledger.verifier.DrawRecountTest.app;
import static fr.paris.ledger.verifier.DrawRecountTest.applied;
import static fr.paris.ledger.verifier.DrawRecountTest.person;
import static fr.paris.ledger.verifier.DrawRecountTest.pool;
import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.sortition.ApplicationId;
import fr.paris.ledger.sortition.ApplicationWithdrawn;
import fr.paris.ledger.sortition.CallClosed;
import fr.paris.ledger.sortition.CallDrawn;
import fr.paris.ledger.sortition.CallOpened;
import fr.paris.ledger.sortition.CouncilDefined;
import fr.paris.ledger.sortition.MemberResigned;
import fr.paris.ledger.sortition.MemberSeated;
import fr.paris.ledger.sortition.SeatLeftVacant;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recount} of council seats on worked example 1 of docs/sortition.md (quotas F 2, M 2; drawn
 * F [7, 3], M [10, 4]; one alternate a group: F [1], M [8]): the recorded history, then altered ones.
 * Alternates are not judged on age again (the events keep no birth date); a withdrawn one is passed over.
 */
class SeatRecountTest {
    static final Instant DRAWN = CLOSED.plusSeconds(3600);
    static final Instant END = DRAWN.atZone(java.time.ZoneId.of("Europe/Paris")).plusMonths(24).toInstant();
    static final Instant LATER = DRAWN.plusSeconds(86_400 * 100);

    @TempDir
    Path dir;

    /** The council up to its draw and the four seatings. */
    static EventLog drawn() {
        EventLog log = new EventLog();
        String id = COUNCIL.aggregateId();
        log.add(id, new CouncilDefined(COUNCIL, "Conseil parisien de la jeunesse", 4, 15, 30, true, Map.of("F", 2, "M", 2), 24,
                false, ADMIN, CLOSED.minusSeconds(86_400 * 30)));
        log.add(id, new CallOpened(COUNCIL, CALL, Map.of("F", 2, "M", 2), 1, ADMIN, CLOSED.minusSeconds(86_400 * 20)));
        pool().forEach(entry -> log.add(id, applied(entry)));
        log.add(id, new CallClosed(COUNCIL, CALL, pool(), POOL_HASH, Map.of("F", 2, "M", 2), ADMIN, CLOSED));
        log.add(id, new CallDrawn(COUNCIL, CALL, "SHA256-V1", POOL_HASH, SOURCES, KEY, Map.of("F", 2, "M", 2), 1, SELECTED,
                Map.of("F", List.of(app(1)), "M", List.of(app(8))), ADMIN, DRAWN));
        SELECTED.forEach((group, apps) -> apps.forEach(a -> log.add(id, seated(a, group, DRAWN, END, null))));
        return log;
    }

    static MemberSeated seated(ApplicationId app, String group, Instant start, Instant end, ApplicationId replaces) {
        return new MemberSeated(COUNCIL, app, person(app), group, CALL, start, end, replaces);
    }

    static void resign(EventLog log, ApplicationId app, String group, Instant at) {
        log.add(COUNCIL.aggregateId(), new MemberResigned(COUNCIL, app, person(app), group, person(app), at));
    }

    /** 7 resigns (1 replaces her), 10 resigns (8 replaces him), 4 resigns (no M alternate left: vacant). */
    static EventLog history(Consumer<EventLog> replacementOf7) {
        return history(log -> { }, replacementOf7);
    }

    /** As above, with {@code beforeResignations} adding events between the seatings of the draw and the first resignation. */
    static EventLog history(Consumer<EventLog> beforeResignations, Consumer<EventLog> replacementOf7) {
        EventLog log = drawn();
        beforeResignations.accept(log);
        resign(log, app(7), "F", LATER);
        replacementOf7.accept(log);
        resign(log, app(10), "M", LATER.plusSeconds(60));
        log.add(COUNCIL.aggregateId(), seated(app(8), "M", LATER.plusSeconds(60), END, app(10)));
        resign(log, app(4), "M", LATER.plusSeconds(120));
        log.add(COUNCIL.aggregateId(), new SeatLeftVacant(COUNCIL, "M", app(4), LATER.plusSeconds(120)));
        return log;
    }

    @Test
    void theRecordedSeatingsResignationsAndReplacementsFollowTheRules() throws Exception {
        EventLog.Result r = history(log -> log.add(COUNCIL.aggregateId(), seated(app(1), "F", LATER, END, app(7))))
                .recount(dir);
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(r.out()).contains("OK   seats cpj: 6 seatings, 3 resignations follow the draws and the alternates' order")
                .contains("OK: 0 decided petitions, 0 budget campaigns, 1 draws, 1 councils' seats recounted");
    }

    /** Alternate 1 gives up her place after the draw (her erasure, or her own choice). */
    static void alternate1Withdraws(EventLog log) {
        log.add(COUNCIL.aggregateId(), new ApplicationWithdrawn(COUNCIL, CALL, app(1), person(app(1)), DRAWN.plusSeconds(86_400)));
    }

    @Test
    void aWithdrawnAlternateIsPassedOver() throws Exception {
        EventLog.Result passedOver = history(SeatRecountTest::alternate1Withdraws,
                log -> log.add(COUNCIL.aggregateId(), new SeatLeftVacant(COUNCIL, "F", app(7), LATER))).recount(dir);
        assertThat(passedOver.status()).as(passedOver.out()).isZero();
        assertThat(passedOver.out()).contains("OK   seats cpj: 5 seatings, 3 resignations follow the draws and the alternates' order")
                .contains("OK   draw cpj/2026: pool hash ok, key ok, selection equal, pool from applications ok");
        EventLog.Result seatedAnyway = history(SeatRecountTest::alternate1Withdraws,
                log -> log.add(COUNCIL.aggregateId(), seated(app(1), "F", LATER, END, app(7)))).recount(dir);
        assertThat(seatedAnyway.status()).as(seatedAnyway.out()).isEqualTo(1);
        assertThat(seatedAnyway.out()).contains("app-000000000001 was seated, but no draw or resignation called for it "
                + "(due: a vacancy in F after app-000000000007 resigned)");
    }

    @Test
    void theWrongAlternateIsCaught() throws Exception {
        EventLog.Result r = history(log -> log.add(COUNCIL.aggregateId(), seated(app(9), "F", LATER, END, app(7))))
                .recount(dir);
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("DIFF seats cpj: ").contains("app-000000000009 was seated, but no draw or resignation called for it "
                + "(due: the seating of app-000000000001 in F)");
    }

    @Test
    void aVacancyWhileAnAlternateWasEligibleIsCaught() throws Exception {
        EventLog.Result r = history(log -> log.add(COUNCIL.aggregateId(), new SeatLeftVacant(COUNCIL, "F", app(7), LATER)))
                .recount(dir);
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("a seat in F was left vacant after app-000000000007, but the rules give the seating of app-000000000001 in F");
    }

    @Test
    void aReplacementWithALongerMandateIsCaught() throws Exception {
        EventLog.Result r = history(log -> log.add(COUNCIL.aggregateId(),
                seated(app(1), "F", LATER, END.plusSeconds(86_400 * 365), app(7)))).recount(dir);
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("DIFF seats cpj: ").contains("the seating of app-000000000001 records");
    }

    @Test
    void aDrawnApplicantNeverSeatedIsCaught() throws Exception {
        EventLog log = new EventLog();
        EventLog full = drawn();
        log.lines.addAll(full.lines.subList(0, full.lines.size() - 1)); // the last seating is missing
        EventLog.Result r = log.recount(dir);
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("DIFF seats cpj: 3 seatings, 0 resignations (the seating of ").contains(" never happened)");
    }
}
