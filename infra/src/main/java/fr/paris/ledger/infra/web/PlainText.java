package fr.paris.ledger.infra.web;

/**
 * The characters a ledger accepts in any text from outside (request fields, the token's
 * {@code sub}): printable Unicode, tab and line breaks. Refused: NUL and the other C0 and C1
 * controls (PostgreSQL text cannot hold NUL; the others garble logs and exports), unpaired
 * surrogates (no UTF-8 form: the event store could not write them), the noncharacters U+FFFE and
 * U+FFFF, and the bidirectional embedding, override and isolate controls U+202A-U+202E and
 * U+2066-U+2069 (they make a title display as another). Zero-width characters and the
 * left-to-right and right-to-left marks stay allowed: real text in Arabic, Hebrew, Persian or with
 * emoji needs them.
 */
public final class PlainText {
    private PlainText() {
    }

    public static boolean isClean(String text) {
        return text == null || firstRefused(text) < 0;
    }

    /** The index of the first refused character, or -1. */
    public static int firstRefused(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c) || refused(c)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean refused(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                || (c >= 0x7F && c <= 0x9F)
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069)
                || c == 0xFFFE || c == 0xFFFF;
    }
}
