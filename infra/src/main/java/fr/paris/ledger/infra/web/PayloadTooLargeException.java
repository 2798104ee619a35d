package fr.paris.ledger.infra.web;

import java.io.IOException;

/** A request body went past the limit while it was being read. */
public class PayloadTooLargeException extends IOException {
    public PayloadTooLargeException(long limit) {
        super("request body over " + limit + " bytes");
    }

    /** Whether {@code failure} or one of its causes is a body over the limit. */
    public static boolean isCauseOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
