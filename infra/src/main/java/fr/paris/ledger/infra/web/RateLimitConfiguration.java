package fr.paris.ledger.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The rate limits on writes ({@code ledger.rate-limits.*}, ADR 011). Per address: the client's
 * address as the servlet container sees it, before any token is read, so that a flood of forged
 * tokens is limited too. {@code X-Forwarded-For} is not read here: it counts only when the
 * container is told to trust the proxies that set it (see docs/operations.md). Per participant:
 * the token's {@code sub}, after authentication and before idempotency keys (a 429 is never kept
 * as the answer to a key). Per staff member: the same key, for callers holding a staff role, with a
 * larger bucket of their own (an agent enters paper ballots one after the other all day; still not
 * without end, so that one agent cannot fill the log).
 */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfiguration {

    @Bean
    @ConditionalOnProperty(name = "ledger.rate-limits.per-address.enabled", havingValue = "true", matchIfMissing = true)
    public FilterRegistrationBean<RateLimitFilter> perAddressRateLimit(
            @Value("${ledger.rate-limits.per-address.requests:120000}") long requests,
            @Value("${ledger.rate-limits.per-address.period:PT1M}") Duration period,
            @Value("${ledger.rate-limits.max-tracked-keys:100000}") long maxKeys, ObjectMapper json) {
        // after the body size limit, before Spring Security (-100)
        return registration(new RateLimitFilter("address", r -> r.getRemoteAddr(), requests, period, maxKeys, json),
                Ordered.HIGHEST_PRECEDENCE + 20);
    }

    @Bean
    @ConditionalOnProperty(name = "ledger.rate-limits.per-participant.enabled", havingValue = "true", matchIfMissing = true)
    public FilterRegistrationBean<RateLimitFilter> perParticipantRateLimit(
            @Value("${ledger.rate-limits.per-participant.requests:60}") long requests,
            @Value("${ledger.rate-limits.per-participant.period:PT1M}") Duration period,
            @Value("${ledger.rate-limits.max-tracked-keys:100000}") long maxKeys,
            @Value("${ledger.rate-limits.per-staff.roles:ADMIN,AGENT,CPDP}") Set<String> staffRoles,
            ObjectMapper json, fr.paris.ledger.infra.privacy.SubjectKeys subjects) {
        // after Spring Security (-100), before the idempotency filter (0)
        return registration(perCaller("participant", staffRoles, false, subjects, requests, period, maxKeys, json), -50);
    }

    @Bean
    @ConditionalOnProperty(name = "ledger.rate-limits.per-staff.enabled", havingValue = "true", matchIfMissing = true)
    public FilterRegistrationBean<RateLimitFilter> perStaffRateLimit(
            @Value("${ledger.rate-limits.per-staff.requests:600}") long requests,
            @Value("${ledger.rate-limits.per-staff.period:PT1M}") Duration period,
            @Value("${ledger.rate-limits.max-tracked-keys:100000}") long maxKeys,
            @Value("${ledger.rate-limits.per-staff.roles:ADMIN,AGENT,CPDP}") Set<String> staffRoles,
            ObjectMapper json, fr.paris.ledger.infra.privacy.SubjectKeys subjects) {
        // where the participant limit is: after Spring Security, before the idempotency filter
        return registration(perCaller("staff member", staffRoles, true, subjects, requests, period, maxKeys, json), -49);
    }

    /** A limit per caller, staff or not, with buckets keyed by the keyed hash of the {@code sub}. */
    private static RateLimitFilter perCaller(String name, Set<String> staffRoles, boolean staff,
                                             fr.paris.ledger.infra.privacy.SubjectKeys subjects, long requests,
                                             Duration period, long maxKeys, ObjectMapper json) {
        return new RateLimitFilter(name, r -> {
            String sub = caller(staffRoles, staff);
            return sub == null ? null : subjects.lookupHex(sub);
        }, requests, period, maxKeys, json);
    }

    private static FilterRegistrationBean<RateLimitFilter> registration(RateLimitFilter filter, int order) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(order);
        return registration;
    }

    /**
     * The caller's {@code sub} (hashed with the lookup key before it keys a bucket) if they hold one of
     * the staff roles ({@code staff} true) or none of them ({@code staff} false); null (not limited
     * by this filter) otherwise, and when anonymous. Staff act for many citizens (a counter agent
     * entering paper ballots) and their tokens come from the city's own identity provider: they get
     * a bucket of their own, larger than a citizen's.
     */
    private static String caller(Set<String> staffRoles, boolean staff) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return null;
        }
        boolean holdsStaffRole = false;
        for (GrantedAuthority authority : auth.getAuthorities()) {
            holdsStaffRole |= staffRoles.contains(authority.getAuthority().replaceFirst("^ROLE_", ""));
        }
        return holdsStaffRole == staff ? auth.getName() : null;
    }
}
