package fr.paris.ledger.infra.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** Reads the {@code roles} claim; names that are not ledger roles are ignored. */
final class TokenRoles {
    private TokenRoles() {
    }

    static Set<Role> of(Jwt jwt) {
        Object claim = jwt.getClaims().get("roles");
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (claim instanceof Collection<?> names) {
            for (Object name : names) {
                for (Role r : Role.values()) {
                    if (r.name().equals(String.valueOf(name))) {
                        roles.add(r);
                    }
                }
            }
        }
        return roles;
    }

    static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<GrantedAuthority> authorities = new java.util.ArrayList<>();
        for (Role r : of(jwt)) {
            authorities.add(new SimpleGrantedAuthority(r.authority()));
        }
        return authorities;
    }
}
