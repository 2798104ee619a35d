package fr.paris.ledger.infra.idempotency;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The responses of requests that carried an {@code Idempotency-Key}, in PostgreSQL so that they
 * survive a restart and are shared by every node. A key is first claimed (a row without a
 * response), then completed with the response, or released if the request failed.
 */
public class IdempotencyStore {

    /** A stored key: the hash of the request that claimed it and, once complete, its response. */
    public record Entry(String requestHash, Integer status, String contentType, byte[] body, boolean stale) {
        public boolean completed() {
            return status != null;
        }
    }

    private final JdbcTemplate jdbc;
    private final Duration staleAfter;

    public IdempotencyStore(JdbcTemplate jdbc, Duration staleAfter) {
        this.jdbc = jdbc;
        this.staleAfter = staleAfter;
    }

    /** Claims the key for this request; false when someone holds it already. */
    public boolean claim(String principal, String key, String requestHash) {
        return jdbc.update("""
                INSERT INTO idempotency_key (principal, idempotency_key, request_hash)
                VALUES (?, ?, ?) ON CONFLICT DO NOTHING""", principal, key, requestHash) == 1;
    }

    public Optional<Entry> find(String principal, String key) {
        List<Entry> rows = jdbc.query("""
                SELECT request_hash, response_status, response_type, response_body,
                       created_at < now() - make_interval(secs => ?) AS stale
                FROM idempotency_key WHERE principal = ? AND idempotency_key = ?""",
                (rs, i) -> new Entry(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3), rs.getBytes(4),
                        rs.getBoolean(5)),
                (double) staleAfter.toSeconds(), principal, key);
        return rows.stream().findFirst();
    }

    /**
     * Takes over a claim whose request never completed (its node died mid-request); false if
     * another retry took it over first.
     */
    public boolean takeOverStale(String principal, String key) {
        return jdbc.update("""
                UPDATE idempotency_key SET created_at = now()
                WHERE principal = ? AND idempotency_key = ? AND response_status IS NULL
                  AND created_at < now() - make_interval(secs => ?)""",
                principal, key, (double) staleAfter.toSeconds()) == 1;
    }

    public void complete(String principal, String key, int status, String contentType, byte[] body) {
        jdbc.update("""
                UPDATE idempotency_key SET completed_at = now(), response_status = ?, response_type = ?, response_body = ?
                WHERE principal = ? AND idempotency_key = ?""", status, contentType, body, principal, key);
    }

    public void release(String principal, String key) {
        jdbc.update("DELETE FROM idempotency_key WHERE principal = ? AND idempotency_key = ? AND response_status IS NULL",
                principal, key);
    }

    /** Forgets keys older than {@code retention}; returns how many. */
    /** Deletes every record of one principal (their erasure). */
    public int forget(String principal) {
        return jdbc.update("DELETE FROM idempotency_key WHERE principal = ?", principal);
    }

    public int purgeOlderThan(Duration retention) {
        return jdbc.update("DELETE FROM idempotency_key WHERE created_at < now() - make_interval(secs => ?)",
                (double) retention.toSeconds());
    }
}
