package fr.paris.ledger.infra.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.paris.ledger.shared.RuleViolation;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@code subject_key} table: each subject's random key, found by the keyed hash of its
 * {@code sub} (never the sub), wrapped under the master key. A short-lived cache holds the opened
 * keys that were read outside any transaction; an erasure on another node is seen within its
 * lifetime ({@link #CACHE_TTL}).
 */
public class SubjectKeys {
    static final Duration CACHE_TTL = Duration.ofSeconds(5);
    private static final String CHECK_VALUE = "participation-ledger privacy keys";

    private final JdbcTemplate jdbc;
    private final PrivacyKeys keys;
    private final Clock clock;
    private final Cache<String, byte[]> opened = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(CACHE_TTL).build();

    public SubjectKeys(JdbcTemplate jdbc, PrivacyKeys keys, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
    }

    /** The keyed hash of a {@code sub} with the lookup key: what every table keys a person by. */
    public byte[] lookup(String sub) {
        return Crypto.hmac(keys.lookup(), "sub:" + sub);
    }

    /** The lookup hash as hex, for records keyed by text (idempotency, rate limits). */
    public String lookupHex(String sub) {
        return HexFormat.of().formatHex(lookup(sub));
    }

    /**
     * Refuses to start with other keys than those the database's subject keys were made with: the
     * first start records a check value; later starts must open it. Also applies the erasure journal
     * again (a restored backup may hold keys destroyed since).
     */
    public void checkKeysAndJournal() {
        byte[] lookupHash = Crypto.hmac(keys.lookup(), CHECK_VALUE);
        List<byte[][]> rows = jdbc.query("SELECT lookup_hash, sealed FROM privacy_key_check WHERE id = 1",
                (rs, i) -> new byte[][] {rs.getBytes(1), rs.getBytes(2)});
        if (rows.isEmpty()) {
            jdbc.update("INSERT INTO privacy_key_check (id, lookup_hash, sealed) VALUES (1, ?, ?) ON CONFLICT DO NOTHING",
                    lookupHash, Crypto.seal(keys.master(), CHECK_VALUE.getBytes(java.nio.charset.StandardCharsets.UTF_8), "check"));
        } else {
            boolean lookupOk = Arrays.equals(rows.get(0)[0], lookupHash);
            boolean masterOk;
            try {
                Crypto.open(keys.master(), rows.get(0)[1], "check");
                masterOk = true;
            } catch (GeneralSecurityException e) {
                masterOk = false;
            }
            if (!lookupOk || !masterOk) {
                throw new IllegalStateException("The privacy keys do not match this database: "
                        + (masterOk ? "" : "LEDGER_SUBJECT_MASTER_KEY ") + (lookupOk ? "" : "LEDGER_SUBJECT_LOOKUP_KEY ")
                        + "differ from the keys its subject keys were created with. Refusing to start rather than "
                        + "create new keys for known participants. See docs/privacy.md, Key management.");
            }
        }
        jdbc.update("""
                DELETE FROM subject_key k USING erasure_journal j
                WHERE k.lookup = j.lookup AND k.created_at <= j.erased_at""");
    }

    /** The subject's key if they have one (never creates one). */
    public Optional<Subject> find(String sub) {
        byte[] lookup = lookup(sub);
        String cacheKey = HexFormat.of().formatHex(lookup);
        byte[] cached = opened.getIfPresent(cacheKey);
        if (cached != null) {
            return Optional.of(new Subject(lookup, cached, false));
        }
        Optional<Subject> found = byLookup(lookup);
        found.ifPresent(s -> cacheIfCommitted(cacheKey, s));
        return found;
    }

    /**
     * The subject's key, created on their first act in the caller's transaction (the act's own, see
     * {@code LedgerCommands#act}), so that a first act costs no commit of its own: one statement
     * either inserts a new key or reads the existing one. Only a key read outside any transaction
     * (so committed, and not this request's own) enters the cache: a key created, or read, inside a
     * transaction or savepoint that later rolls back must never name anything.
     */
    public Subject findOrCreate(String sub) {
        byte[] lookup = lookup(sub);
        String cacheKey = HexFormat.of().formatHex(lookup);
        byte[] cached = opened.getIfPresent(cacheKey);
        if (cached != null) {
            return new Subject(lookup, cached, false);
        }
        byte[] key = Crypto.random(32);
        // the CTE's SELECT reads the statement's snapshot: a key committed before it is found; one
        // committed while the INSERT waited on its row is not, and is read by a second statement
        List<Subject> rows = jdbc.query("""
                WITH created AS (
                    INSERT INTO subject_key (lookup, wrapped_key, created_at) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING RETURNING lookup)
                SELECT NULL::bytea, NULL::timestamptz, true FROM created
                UNION ALL
                SELECT wrapped_key, erasing_since, false FROM subject_key WHERE lookup = ?""",
                (rs, i) -> rs.getBoolean(3) ? new Subject(lookup, key, false)
                        : new Subject(lookup, unwrap(lookup, rs.getBytes(1)), rs.getTimestamp(2) != null),
                lookup, Crypto.seal(keys.master(), key, "subject-key"), Timestamp.from(clock.instant()), lookup);
        if (rows.isEmpty()) {
            return find(sub).orElseThrow(() -> new IllegalStateException("subject key vanished while created"));
        }
        Subject subject = rows.get(0);
        if (subject.key() != key) {
            cacheIfCommitted(cacheKey, subject);
        }
        return subject;
    }

    private void cacheIfCommitted(String cacheKey, Subject subject) {
        if (!subject.erasing() && !TransactionSynchronizationManager.isActualTransactionActive()) {
            opened.put(cacheKey, subject.key());
        }
    }

    /** Marks the subject's erasure as running (their acts are refused meanwhile); false if they have no key. */
    public boolean markErasing(byte[] lookup) {
        opened.invalidate(HexFormat.of().formatHex(lookup));
        return jdbc.update("UPDATE subject_key SET erasing_since = COALESCE(erasing_since, ?) WHERE lookup = ?",
                Timestamp.from(clock.instant()), lookup) == 1;
    }

    /** Destroys the subject key and records the erasure in the journal (one transaction is the caller's). */
    public void destroy(byte[] lookup) {
        opened.invalidate(HexFormat.of().formatHex(lookup));
        jdbc.update("DELETE FROM subject_key WHERE lookup = ?", lookup);
        jdbc.update("INSERT INTO erasure_journal (lookup, erased_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                lookup, Timestamp.from(clock.instant()));
    }

    /** The lookups of erasures that started and did not finish (a crash): resumed at start-up. */
    public List<byte[]> unfinishedErasures() {
        return jdbc.query("SELECT lookup FROM subject_key WHERE erasing_since IS NOT NULL", (rs, i) -> rs.getBytes(1));
    }

    /** The subject key of a lookup hash, if it exists (for erasure and sealed texts). */
    public Optional<Subject> byLookup(byte[] lookup) {
        return jdbc.query("SELECT wrapped_key, erasing_since FROM subject_key WHERE lookup = ?",
                (rs, i) -> new Subject(lookup, unwrap(lookup, rs.getBytes(1)), rs.getTimestamp(2) != null), lookup)
                .stream().findFirst();
    }

    private byte[] unwrap(byte[] lookup, byte[] wrapped) {
        try {
            return Crypto.open(keys.master(), wrapped, "subject-key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A subject key cannot be opened with LEDGER_SUBJECT_MASTER_KEY: wrong master key "
                    + "or a damaged row. No new key is created for this participant.");
        }
    }

    /** A subject's opened key; {@code erasing} while their erasure runs. */
    public record Subject(byte[] lookup, byte[] key, boolean erasing) {
        public Subject requireNotErasing() {
            if (erasing) {
                throw RuleViolation.conflict("participant.erasing", "Your data is being erased; try again in a moment.");
            }
            return this;
        }

        @Override
        public String toString() {
            return "Subject[hidden]";
        }
    }
}
