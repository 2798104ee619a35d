package fr.paris.ledger.application.api;

import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;

/** The paging convention of api.md ("Paging and limits"): {@code ?limit=} 1 to 200, 50 when absent; more is 400. */
public final class Paging {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private Paging() {
    }

    /** The page size a request asks for, or {@code 400 request.invalid} (field {@code limit}). */
    public static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequest("limit", "1 to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")");
    }
}
