package fr.paris.ledger.infra.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A bearer token must expire, and soon: {@code exp} is required, and refused when it lies further
 * than {@code ledger.security.max-token-lifetime} (12 hours by default) from the token's
 * {@code iat}, or from now (with a minute of clock skew, as for {@code exp} and {@code nbf}). Both
 * are checked: {@code exp - iat} refuses a long-lived token late in its life, and {@code exp - now}
 * refuses one without {@code iat} or with an {@code iat} set in the future to make a long life look
 * short. A stolen token is then good for hours, not for ever.
 */
public final class TokenLifetime implements OAuth2TokenValidator<Jwt> {
    static final String PROPERTY = "ledger.security.max-token-lifetime";
    public static final Duration DEFAULT_MAXIMUM = Duration.ofHours(12);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final Duration maximum;
    private final Clock clock;

    TokenLifetime(Duration maximum, Clock clock) {
        if (maximum.isZero() || maximum.isNegative()) {
            throw new IllegalArgumentException(PROPERTY + " must be positive");
        }
        this.maximum = maximum;
        this.clock = clock;
    }

    /** {@code ledger.security.max-token-lifetime}: {@code PT12H} or {@code 12h}, 12 hours when unset. */
    static Duration maximum(Environment env) {
        String value = env.getProperty(PROPERTY, "");
        return value.isBlank() ? DEFAULT_MAXIMUM : DurationStyle.detectAndParse(value.strip());
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        Instant exp = jwt.getExpiresAt();
        if (exp == null) {
            return refused("The token has no expiry (exp)");
        }
        Instant iat = jwt.getIssuedAt();
        if (iat != null && Duration.between(iat, exp).compareTo(maximum) > 0) {
            return refused("The token lives longer than " + maximum + " (exp - iat)");
        }
        if (Duration.between(clock.instant(), exp).compareTo(maximum.plus(CLOCK_SKEW)) > 0) {
            return refused("The token expires more than " + maximum + " from now");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult refused(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }
}
