package fr.paris.ledger.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The public audit downloads (export, leaf hashes, checkpoints) are streamed and need no token:
 * at most {@code ledger.audit.downloads-per-address} (2) at once per client address; 0 turns the
 * limit off (behind a proxy that Tomcat does not trust, every client has the proxy's address).
 */
@Configuration(proxyBeanMethods = false)
public class DownloadLimitConfiguration {
    static final Set<String> AUDIT_DOWNLOADS = Set.of("/api/v1/audit/export", "/api/v1/audit/leaf-hashes",
            "/api/v1/audit/checkpoints");

    @Bean
    public FilterRegistrationBean<DownloadLimitFilter> auditDownloadLimit(
            @Value("${ledger.audit.downloads-per-address:2}") int perAddress, ObjectMapper json) {
        if (perAddress < 0) {
            throw new IllegalArgumentException("ledger.audit.downloads-per-address must be 0 (no limit) or more");
        }
        var registration = new FilterRegistrationBean<>(new DownloadLimitFilter(AUDIT_DOWNLOADS, Math.max(1, perAddress), json));
        registration.setEnabled(perAddress > 0);
        // after the per-address rate limit (+20), before Spring Security (-100): a flood with forged tokens counts too
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 25);
        return registration;
    }
}
