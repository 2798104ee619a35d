package fr.paris.ledger.projections.sortition;

import fr.paris.ledger.sortition.ApplicationId;
import fr.paris.ledger.sortition.CallClosed;
import fr.paris.ledger.sortition.CallDrawn;
import fr.paris.ledger.sortition.CallOpened;
import fr.paris.ledger.sortition.CouncilDefined;
import fr.paris.ledger.sortition.MemberResigned;
import fr.paris.ledger.sortition.MemberSeated;
import fr.paris.ledger.sortition.PoolEntry;
import fr.paris.ledger.sortition.RandomSource;
import fr.paris.ledger.sortition.SeatLeftVacant;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code sortition_*} tables in step with the council events: councils and quotas,
 * calls, frozen pools, draws, mandates and vacancies. Every handler can run twice safely.
 */
@Component
@ProcessingGroup(CouncilProjection.NAME)
public class CouncilProjection {
    public static final String NAME = "councils";

    private final JdbcTemplate jdbc;

    public CouncilProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CouncilDefined e) {
        jdbc.update("""
                INSERT INTO sortition_council (council_id, name, seats, min_age, max_age, residents_only, mandate_months,
                                               renewable, defined_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (council_id) DO NOTHING""",
                e.councilId().value(), e.name(), e.seats(), e.minAge(), e.maxAge(), e.residentsOnly(), e.mandateMonths(),
                e.renewable(), ts(e.definedAt()));
        e.quotas().forEach((group, seats) -> jdbc.update("""
                INSERT INTO sortition_council_quota (council_id, group_name, seats) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""", e.councilId().value(), group, seats));
    }

    @EventHandler
    void on(CallOpened e) {
        jdbc.update("""
                INSERT INTO sortition_call (council_id, call_id, status, alternates_per_group, opened_at)
                VALUES (?, ?, 'OPEN', ?, ?) ON CONFLICT DO NOTHING""",
                e.councilId().value(), e.callId().value(), e.alternatesPerGroup(), ts(e.openedAt()));
        e.seats().forEach((group, seats) -> jdbc.update("""
                INSERT INTO sortition_call_seats (council_id, call_id, group_name, requested) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", e.councilId().value(), e.callId().value(), group, seats));
    }

    @EventHandler
    void on(CallClosed e) {
        String council = e.councilId().value();
        String call = e.callId().value();
        jdbc.update("""
                UPDATE sortition_call SET status = CASE WHEN status = 'OPEN' THEN 'CLOSED' ELSE status END,
                       closed_at = ?, pool_hash = ?, pool_size = ? WHERE council_id = ? AND call_id = ?""",
                ts(e.closedAt()), e.poolHash(), e.pool().size(), council, call);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < e.pool().size(); i++) {
            PoolEntry entry = e.pool().get(i);
            rows.add(new Object[] {council, call, i, entry.applicationId().value(), entry.group()});
        }
        jdbc.batchUpdate("""
                INSERT INTO sortition_pool_entry (council_id, call_id, position, application_id, group_name)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", rows);
    }

    @EventHandler
    void on(CallDrawn e) {
        String council = e.councilId().value();
        String call = e.callId().value();
        jdbc.update("""
                UPDATE sortition_call SET status = 'DRAWN', algorithm = ?, key_string = ?, drawn_at = ?
                WHERE council_id = ? AND call_id = ?""", e.algorithm(), e.key(), ts(e.drawnAt()), council, call);
        e.seats().forEach((group, drawn) -> jdbc.update(
                "UPDATE sortition_call_seats SET drawn = ? WHERE council_id = ? AND call_id = ? AND group_name = ?",
                drawn, council, call, group));
        for (int i = 0; i < e.randomSources().size(); i++) {
            RandomSource source = e.randomSources().get(i);
            boolean numbers = source.numbers() != null;
            jdbc.update("""
                    INSERT INTO sortition_random_source (council_id, call_id, position, kind, value) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING""", council, call, i, numbers ? "NUMBERS" : "TEXT",
                    numbers ? source.numbers().stream().map(String::valueOf).collect(Collectors.joining(",")) : source.text());
        }
        entries(council, call, "SELECTED", e.selected());
        entries(council, call, "ALTERNATE", e.alternates());
    }

    private void entries(String council, String call, String kind, Map<String, List<ApplicationId>> byGroup) {
        List<Object[]> rows = new ArrayList<>();
        byGroup.forEach((group, ids) -> {
            for (int rank = 0; rank < ids.size(); rank++) {
                rows.add(new Object[] {council, call, group, kind, rank + 1, ids.get(rank).value()});
            }
        });
        jdbc.batchUpdate("""
                INSERT INTO sortition_draw_entry (council_id, call_id, group_name, kind, rank, application_id)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", rows);
    }

    @EventHandler
    void on(MemberSeated e) {
        jdbc.update("""
                INSERT INTO sortition_member (council_id, application_id, call_id, group_name, mandate_start, mandate_end, replaces)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                e.councilId().value(), e.applicationId().value(), e.callId().value(), e.group(), ts(e.mandateStart()),
                ts(e.mandateEnd()), e.replaces() == null ? null : e.replaces().value());
    }

    @EventHandler
    void on(MemberResigned e) {
        jdbc.update("UPDATE sortition_member SET resigned_at = ? WHERE council_id = ? AND application_id = ?",
                ts(e.resignedAt()), e.councilId().value(), e.applicationId().value());
    }

    @EventHandler
    void on(SeatLeftVacant e) {
        jdbc.update("""
                INSERT INTO sortition_vacancy (council_id, vacated_by, group_name, at) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", e.councilId().value(), e.vacatedBy().value(), e.group(), ts(e.at()));
    }

    @ResetHandler
    void reset() {
        for (String table : List.of("sortition_vacancy", "sortition_member", "sortition_draw_entry", "sortition_random_source",
                "sortition_pool_entry", "sortition_call_seats", "sortition_call", "sortition_council_quota", "sortition_council")) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
