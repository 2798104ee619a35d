package fr.paris.ledger.infra.security;

import fr.paris.ledger.shared.PostalCode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The authenticated caller of a request, read from the bearer token: the identity provider's
 * {@code sub}, the roles, and the OpenID Connect claims {@code birthdate} and {@code postal_code}
 * when present and well formed. None of these is ever written to the log: acts record references
 * ({@link fr.paris.ledger.infra.privacy.Participants}).
 */
public record Caller(String subject, Set<Role> roles, Optional<LocalDate> birthdate,
                     Optional<PostalCode> postalCode) {

    public static Caller from(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            throw new IllegalStateException("no authenticated caller");
        }
        Set<Role> roles = TokenRoles.of(jwt);
        return new Caller(jwt.getSubject(), roles, birthdate(jwt), postalCode(jwt));
    }

    /** Staff acts (AGENT, CPDP, ADMIN) are recorded under a staff reference. */
    public boolean isStaff() {
        return has(Role.AGENT) || has(Role.CPDP) || has(Role.ADMIN);
    }

    @Override
    public String toString() {
        return "Caller[roles=" + roles + "]";
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    private static Optional<LocalDate> birthdate(Jwt jwt) {
        String value = jwt.getClaimAsString("birthdate");
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<PostalCode> postalCode(Jwt jwt) {
        String value = jwt.getClaimAsString("postal_code");
        return PostalCode.isWellFormed(value) ? Optional.of(new PostalCode(value)) : Optional.empty();
    }
}
