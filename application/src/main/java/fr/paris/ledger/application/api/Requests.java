package fr.paris.ledger.application.api;

import fr.paris.ledger.application.api.ApiErrors.FieldProblem;
import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Field checks and answer bodies the controllers share. */
public final class Requests {
    private Requests() {
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
