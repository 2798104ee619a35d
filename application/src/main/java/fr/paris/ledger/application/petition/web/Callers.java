package fr.paris.ledger.application.petition.web;

import fr.paris.ledger.infra.security.Caller;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;

/** The caller of a public read: empty when the request carries no token. */
final class Callers {
    private Callers() {
    }

    static Optional<Caller> of(Authentication auth) {
        return auth == null || auth instanceof AnonymousAuthenticationToken ? Optional.empty() : Optional.of(Caller.from(auth));
    }
}
