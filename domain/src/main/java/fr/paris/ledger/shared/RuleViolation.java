package fr.paris.ledger.shared;

import java.util.Objects;

/**
 * A valid request that a rule of the domain refuses. It carries the stable error code of the API
 * contract ({@code card.too-young}, {@code petition.already-signed}, ...) and the kind of refusal,
 * which the web layer turns into 404, 409 or 422. A refused command writes no event.
 */
public class RuleViolation extends RuntimeException {

    /** How a refusal reads to a client. */
    public enum Kind {
        /** The thing the act is about does not exist (404). */
        NOT_FOUND,
        /** The act conflicts with the current state (409). */
        CONFLICT,
        /** The act is well formed but a rule refuses it (422). */
        REFUSED,
        /** The caller is not the one who may do this (403), e.g. not the author. */
        FORBIDDEN
    }

    private final String code;
    private final Kind kind;

    public RuleViolation(Kind kind, String code, String message) {
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind);
        this.code = Objects.requireNonNull(code);
    }

    public static RuleViolation notFound(String code, String message) {
        return new RuleViolation(Kind.NOT_FOUND, code, message);
    }

    public static RuleViolation conflict(String code, String message) {
        return new RuleViolation(Kind.CONFLICT, code, message);
    }

    public static RuleViolation refused(String code, String message) {
        return new RuleViolation(Kind.REFUSED, code, message);
    }

    public static RuleViolation forbidden(String code, String message) {
        return new RuleViolation(Kind.FORBIDDEN, code, message);
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }
}
