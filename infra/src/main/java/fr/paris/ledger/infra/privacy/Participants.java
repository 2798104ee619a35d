package fr.paris.ledger.infra.privacy;

import fr.paris.ledger.infra.privacy.SubjectKeys.Subject;
import fr.paris.ledger.shared.ParticipantId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How the service names people in the log (docs/privacy.md): a citizen by a reference scoped to one
 * instrument, {@code "r-" + base32(HMAC-SHA256(subject key, scope))} cut to 26 characters; a staff
 * member by {@code "s-" + base32(HMAC-SHA256(staff key, sub))}, the same everywhere and resolvable
 * through {@code staff_member}. Also derives what only the person's key can open: their card number
 * and their sealed texts.
 */
public class Participants {
    private static final int REFERENCE_CHARS = 24;
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private final SubjectKeys subjects;
    private final PrivacyKeys keys;
    private final JdbcTemplate jdbc;
    private final Set<String> knownStaff = ConcurrentHashMap.newKeySet();

    public Participants(SubjectKeys subjects, PrivacyKeys keys, JdbcTemplate jdbc) {
        this.subjects = subjects;
        this.keys = keys;
        this.jdbc = jdbc;
    }

    public SubjectKeys subjects() {
        return subjects;
    }

    /** The reference of {@code sub} in {@code scope}, creating their subject key on a first act. */
    public ParticipantId reference(String sub, ReferenceScope scope) {
        return reference(subjects.findOrCreate(sub).requireNotErasing(), scope);
    }

    /** The reference of {@code sub} in {@code scope} if they have a key; never creates one. */
    public Optional<ParticipantId> existingReference(String sub, ReferenceScope scope) {
        return subjects.find(sub).map(s -> reference(s, scope));
    }

    public static ParticipantId reference(Subject subject, ReferenceScope scope) {
        return new ParticipantId("r-" + Crypto.base32(Crypto.hmac(subject.key(), "reference:" + scope.value()), REFERENCE_CHARS));
    }

    /** A staff member's reference, recorded in {@code staff_member} for AUDITOR and ADMIN to resolve. */
    public ParticipantId staff(String sub) {
        String ref = "s-" + Crypto.base32(Crypto.hmac(keys.staff(), "staff:" + sub), REFERENCE_CHARS);
        if (knownStaff.add(ref)) {
            jdbc.update("INSERT INTO staff_member (reference, subject) VALUES (?, ?) ON CONFLICT DO NOTHING", ref, sub);
        }
        return new ParticipantId(ref);
    }

    /** The staff member a staff reference names, if any. */
    public Optional<String> staffMember(String reference) {
        return jdbc.query("SELECT subject FROM staff_member WHERE reference = ?", (rs, i) -> rs.getString(1), reference)
                .stream().findFirst();
    }

    /** The number printed on a card: derived from the holder's key and the card's random id, never logged. */
    public static String cardNumber(Subject holder, String cardId) {
        byte[] h = Crypto.hmac(holder.key(), "card-number:" + cardId);
        StringBuilder sb = new StringBuilder("CC-");
        long bits = 0;
        for (int i = 0; i < 7; i++) {
            bits = (bits << 8) | (h[i] & 0xff);
        }
        for (int i = 9; i >= 0; i--) {
            sb.append(CROCKFORD.charAt((int) ((bits >>> (i * 5)) & 31)));
        }
        return sb.toString();
    }

    /** The keyed hash under which an agent finds a card by its number. */
    public byte[] cardNumberHash(String cardNumber) {
        return Crypto.hmac(keys.lookup(), "card-number:" + cardNumber);
    }

    /** Records under which keyed hash an agent finds the card {@code cardId} of {@code holder} by its number. */
    public void indexCardNumber(String cardNumber, ParticipantId holder, String cardId) {
        jdbc.update("INSERT INTO card_number_index (number_hash, holder, card_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                cardNumberHash(cardNumber), holder.value(), cardId);
    }

    /** The holder reference and card id of a card number, if it was issued. */
    public Optional<IndexedCard> findCard(String cardNumber) {
        return jdbc.query("SELECT holder, card_id FROM card_number_index WHERE number_hash = ?",
                (rs, i) -> new IndexedCard(new ParticipantId(rs.getString(1)), rs.getString(2)), cardNumberHash(cardNumber))
                .stream().findFirst();
    }

    /** The ids of every card issued to a holder. */
    public java.util.List<String> cardIdsOf(ParticipantId holder) {
        return jdbc.queryForList("SELECT card_id FROM card_number_index WHERE holder = ?", String.class, holder.value());
    }

    /** Forgets the sealed texts of a subject (their erasure): they read as erased from then on. */
    public int forgetTexts(byte[] lookup) {
        return jdbc.update("DELETE FROM sealed_text_owner WHERE lookup = ?", (Object) lookup);
    }

    /** Forgets the card numbers of a holder (their erasure). */
    public int forgetCards(ParticipantId holder) {
        return jdbc.update("DELETE FROM card_number_index WHERE holder = ?", holder.value());
    }

    /** A card found by its number. */
    public record IndexedCard(ParticipantId holder, String cardId) {
    }

    /** Seals a text of the subject's (a comment) under a key derived from their subject key. */
    public String seal(Subject subject, String textId, String text) {
        jdbc.update("INSERT INTO sealed_text_owner (text_id, lookup) VALUES (?, ?) ON CONFLICT DO NOTHING",
                textId, subject.lookup());
        byte[] sealed = Crypto.seal(textKey(subject, textId), text.getBytes(StandardCharsets.UTF_8), textId);
        return Base64.getEncoder().encodeToString(sealed);
    }

    /** The text, or empty once its author's key is erased. */
    public Optional<String> open(String textId, String sealed) {
        Optional<byte[]> lookup = jdbc.query("SELECT lookup FROM sealed_text_owner WHERE text_id = ?",
                (rs, i) -> rs.getBytes(1), textId).stream().findFirst();
        return lookup.flatMap(subjects::byLookup).flatMap(s -> {
            try {
                return Optional.of(new String(Crypto.open(textKey(s, textId), Base64.getDecoder().decode(sealed), textId),
                        StandardCharsets.UTF_8));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    private static byte[] textKey(Subject subject, String textId) {
        return Crypto.hmac(subject.key(), "text-key:" + textId);
    }
}
