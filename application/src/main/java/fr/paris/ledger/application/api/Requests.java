package fr.paris.ledger.application.api;

import fr.paris.ledger.application.api.ApiErrors.FieldProblem;
import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Field checks and answer bodies the controllers share. */
public final class Requests {
    /**
     * The largest amount a request may name: one trillion euros. Far above any envelope or project
     * of the city, and low enough that no sum of amounts in a tally can overflow a long.
     */
    public static final long MAX_CENTS = 100_000_000_000_000L;

    private Requests() {
    }

    /** Adds a problem unless {@code value} is integer cents from {@code min} to {@link #MAX_CENTS} (or absent and not required). */
    public static void cents(List<FieldProblem> errors, String field, Long value, boolean required, long min) {
        if (value == null ? required : value < min || value > MAX_CENTS) {
            errors.add(new FieldProblem(field, (required ? "required, " : "") + "integer cents, " + min + " to " + MAX_CENTS));
        }
    }

    /** Adds a problem unless {@code value} has {@code min} to {@code max} characters (blank counts as empty). */
    public static void text(List<FieldProblem> errors, String field, String value, int min, int max) {
        if (value == null || value.strip().length() < min || value.length() > max) {
            errors.add(new FieldProblem(field, "required, " + min + " to " + max + " characters"));
        }
    }

    /** The constant named {@code value}, or a 400 naming the field and the allowed values. */
    public static <E extends Enum<E>> E enumOf(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(field, "one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** A JSON object in the given key order; values may be null. */
    public static Map<String, Object> answer(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
