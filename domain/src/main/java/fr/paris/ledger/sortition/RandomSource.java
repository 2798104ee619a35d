package fr.paris.ledger.sortition;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One public random source of a draw, as published: either a list of non-negative integers (a
 * lottery's numbers) or a string (a randomness beacon's hex value). Exactly one of the two is set.
 */
public record RandomSource(List<Long> numbers, String text) {
    /** Printable ASCII without space or {@code /}, which would make the key string ambiguous. */
    private static final Pattern TEXT = Pattern.compile("[\\x21-\\x2E\\x30-\\x7E]{1,256}");

    public RandomSource {
        if ((numbers == null) == (text == null)) {
            throw new IllegalArgumentException("a random source is either numbers or a string");
        }
        if (numbers != null) {
            if (numbers.isEmpty() || numbers.size() > 100 || numbers.stream().anyMatch(n -> n == null || n < 0)) {
                throw new IllegalArgumentException("a source of numbers has 1 to 100 integers, none negative");
            }
            numbers = List.copyOf(numbers);
        } else if (!TEXT.matcher(text).matches()) {
            throw new IllegalArgumentException("a string source has 1 to 256 printable ASCII characters, no space and no /");
        }
    }

    public static RandomSource numbers(Long... numbers) {
        return new RandomSource(List.of(numbers), null);
    }

    public static RandomSource text(String text) {
        return new RandomSource(null, text);
    }

    public static boolean isValidText(String text) {
        return text != null && TEXT.matcher(text).matches();
    }

    /** This source's part of the key string: sorted numbers each followed by ".", or the string; then "/". */
    public String keyPart() {
        if (text != null) {
            return text + "/";
        }
        StringBuilder sb = new StringBuilder();
        numbers.stream().sorted().forEach(n -> sb.append(n).append('.'));
        return sb.append('/').toString();
    }
}
