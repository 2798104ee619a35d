package fr.paris.ledger.infra.idempotency;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The responses of requests that carried an {@code Idempotency-Key}, in PostgreSQL so that they
 * survive a restart and are shared by every node. A key is claimed and completed with its response
 * in the transaction of the request's act ({@link IdempotencyFilter}): a row is only ever seen
 * complete by others.
 */
public class IdempotencyStore {

    /**
     * A stored key: the hash of the request that claimed it, the roles it ran with (null for a key
     * claimed before they were kept) and, once complete, its response.
     */
    public record Entry(String requestHash, String roles, Integer status, String contentType, byte[] body) {
    }

    private final JdbcTemplate jdbc;

    public IdempotencyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the key for this request, run with these roles; false when someone holds it already. */
    public boolean claim(String principal, String key, String requestHash, String roles) {
        return jdbc.update("""
                INSERT INTO idempotency_key (principal, idempotency_key, request_hash, roles)
                VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""", principal, key, requestHash, roles) == 1;
    }

    public Optional<Entry> find(String principal, String key) {
        List<Entry> rows = jdbc.query("""
                SELECT request_hash, roles, response_status, response_type, response_body
                FROM idempotency_key WHERE principal = ? AND idempotency_key = ?""",
                (rs, n) -> new Entry(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
                        rs.getBytes(5)),
                principal, key);
        return rows.stream().findFirst();
    }

    public void complete(String principal, String key, int status, String contentType, byte[] body) {
        jdbc.update("""
                UPDATE idempotency_key SET completed_at = now(), response_status = ?, response_type = ?, response_body = ?
                WHERE principal = ? AND idempotency_key = ?""", status, contentType, body, principal, key);
    }

    /** Deletes every record of one principal (their erasure). */
    public int forget(String principal) {
        return jdbc.update("DELETE FROM idempotency_key WHERE principal = ?", principal);
    }

    /** Forgets keys older than {@code retention}; returns how many. */
    public int purgeOlderThan(Duration retention) {
        return jdbc.update("DELETE FROM idempotency_key WHERE created_at < now() - make_interval(secs => ?)",
                (double) retention.toSeconds());
    }
}
