package fr.paris.ledger.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.paris.ledger.infra.idempotency.IdempotencyFilter;
import fr.paris.ledger.infra.idempotency.IdempotencyStore;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Request-level conventions shared by every endpoint: the body size limit, idempotency keys, problems for Tomcat's own refusals. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class WebConfiguration {
    private static final Logger log = LoggerFactory.getLogger(WebConfiguration.class);

    /** Outermost: a database failure escaping any filter becomes 503 {@code unavailable}, not 500. */
    @Bean
    public FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter(ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new DatabaseUnavailableFilter(json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
            @Value("${ledger.http.max-body-bytes:65536}") long limit, ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new BodySizeLimitFilter(limit, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Tomcat's refusals (before any filter runs) as problems too: see {@link ProblemErrorReportValve}. */
    @Bean
    public org.springframework.boot.web.server.WebServerFactoryCustomizer<
            org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    public IdempotencyStore idempotencyStore(JdbcTemplate jdbc) {
        return new IdempotencyStore(jdbc);
    }

    /** After Spring Security's filters (order -100), so that the principal is known. */
    @Bean
    public FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(
            IdempotencyStore store, ObjectMapper json, @Value("${ledger.http.max-body-bytes:65536}") long limit,
            fr.paris.ledger.infra.privacy.SubjectKeys subjects,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        var registration = new FilterRegistrationBean<>(new IdempotencyFilter(store, json, limit, new fr.paris.ledger.infra.privacy.SealedResponses(subjects),
                transactions));
        registration.setOrder(0);
        return registration;
    }

    /** A retry of an idempotency key with other roles: stopped after method security (see {@link IdempotencyFilter}). */
    @Bean
    @org.springframework.context.annotation.Role(org.springframework.beans.factory.config.BeanDefinition.ROLE_INFRASTRUCTURE)
    public static org.springframework.aop.Advisor idempotencyRolesGuard() {
        return IdempotencyFilter.rolesGuard();
    }

    @Bean
    public IdempotencyPurge idempotencyPurge(IdempotencyStore store,
                                             @Value("${ledger.idempotency.retention:PT48H}") Duration retention) {
        return new IdempotencyPurge(store, retention);
    }

    /** Forgets idempotency keys past their retention (at least 24 hours; 48 by default). */
    public static class IdempotencyPurge {
        private final IdempotencyStore store;
        private final Duration retention;

        IdempotencyPurge(IdempotencyStore store, Duration retention) {
            if (retention.compareTo(Duration.ofHours(24)) < 0) {
                throw new IllegalArgumentException("ledger.idempotency.retention must be at least 24 hours");
            }
            this.store = store;
            this.retention = retention;
        }

        @Scheduled(fixedDelayString = "${ledger.idempotency.purge-every:PT1H}", initialDelayString = "PT5M")
        public void purge() {
            int n = store.purgeOlderThan(retention);
            if (n > 0) {
                log.info("Forgot {} idempotency keys older than {}", n, retention);
            }
        }
    }
}
