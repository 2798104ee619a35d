package fr.paris.ledger.testing;

import fr.paris.ledger.shared.RuleViolation;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/**
 * Matches a {@link RuleViolation} by its stable code (and, if given, its kind: how it reads to a
 * client, 404, 403, 409 or 422), for fixture tests' {@code expectException}.
 */
public final class RuleViolationMatcher extends TypeSafeMatcher<RuleViolation> {
    private final String code;
    private final RuleViolation.Kind kind;

    private RuleViolationMatcher(String code, RuleViolation.Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    public static Matcher<RuleViolation> violation(String code) {
        return new RuleViolationMatcher(code, null);
    }

    public static Matcher<RuleViolation> violation(String code, RuleViolation.Kind kind) {
        return new RuleViolationMatcher(code, kind);
    }

    @Override
    protected boolean matchesSafely(RuleViolation item) {
        return code.equals(item.code()) && (kind == null || kind == item.kind());
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a rule violation with code ").appendValue(code);
        if (kind != null) {
            description.appendText(" of kind ").appendValue(kind);
        }
    }

    @Override
    protected void describeMismatchSafely(RuleViolation item, Description description) {
        description.appendText("code was ").appendValue(item.code()).appendText(", kind ").appendValue(item.kind());
    }
}
