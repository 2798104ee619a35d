package fr.paris.ledger.infra.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.paris.ledger.infra.web.Problems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

/**
 * OAuth2 resource server: bearer JWTs, roles from the {@code roles} claim. Reads that the guide
 * makes public (counts, statistics, results, proofs, the audit export), by {@code GET} or
 * {@code HEAD} and from any origin ({@link PublicReadsCors}), the API documentation, health and
 * metrics need no token, nor do the public dashboard's static pages ({@link DashboardPages});
 * everything else does, and each endpoint states its roles with {@code @PreAuthorize}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    /** The longest participant id (see {@code ParticipantId}). */
    static final int MAX_SUBJECT_LENGTH = 200;

    /** GET paths anyone may read (a token, when given, is still checked). Later instruments add theirs here. */
    static final String[] PUBLIC_READS = {
        "/api/v1/stats/**",
        "/api/v1/petitions",
        "/api/v1/petitions/*",
        "/api/v1/petitions/*/comments",
        "/api/v1/petitions/*/history",
        "/api/v1/petitions/*/signatures/count",
        "/api/v1/audit/checkpoint",
        "/api/v1/audit/verifier-key",
        "/api/v1/audit/proofs/inclusion",
        "/api/v1/audit/proofs/consistency",
        // the export holds no personal data (privacy.md, principle 6): anyone may download and recount it
        "/api/v1/audit/checkpoints",
        "/api/v1/audit/export",
        "/api/v1/audit/leaf-hashes",
        "/api/v1/budget/campaigns",
        "/api/v1/budget/campaigns/*",
        "/api/v1/budget/campaigns/*/ballot-options",
        "/api/v1/budget/campaigns/*/projects",
        "/api/v1/budget/campaigns/*/results",
        "/api/v1/budget/projects/*",
        "/api/v1/councils",
        "/api/v1/councils/*",
        "/api/v1/councils/*/members",
        "/api/v1/councils/*/calls/*/pool",
        "/api/v1/councils/*/calls/*/draw",
    };

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
        // CORS: the public reads from any origin, nothing else (PublicReadsCors); where Spring's own CorsFilter would be
        http.addFilterAt(PublicReadsCors.filter(PUBLIC_READS, json), org.springframework.web.filter.CorsFilter.class);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        // HEAD answers as GET without the body (issue 14)
                        .requestMatchers(HttpMethod.GET, PUBLIC_READS).permitAll()
                        .requestMatchers(HttpMethod.HEAD, PUBLIC_READS).permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus", "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/error").permitAll()
                        // a static file, the baseline of the public-read benchmark (docs/benchmarks.md)
                        .requestMatchers(HttpMethod.GET, "/bench.txt").permitAll()
                        // the public dashboard's pages and files (DashboardPages)
                        .requestMatchers(DashboardPages.matcher()).permitAll()
                        .anyRequest().authenticated())
                .headers(headers -> headers.addHeaderWriter(DashboardPages.contentSecurityPolicy()))
                .oauth2ResourceServer(rs -> rs
                        .bearerTokenResolver(RequestChecks.BEARER)
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authentication()))
                        .authenticationEntryPoint((req, res, e) -> Problems.write(res, Problems.of(HttpStatus.UNAUTHORIZED,
                                "auth.unauthenticated", "Authentication required",
                                "A valid bearer token is required for this request."), json))
                        .accessDeniedHandler((req, res, e) -> forbidden(res, json)))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((req, res, e) -> Problems.write(res, Problems.of(HttpStatus.UNAUTHORIZED,
                                "auth.unauthenticated", "Authentication required",
                                "A valid bearer token is required for this request."), json))
                        .accessDeniedHandler((req, res, e) -> forbidden(res, json)));
        return http.build();
    }

    /** A path the firewall refuses (an encoded slash, NUL, {@code ..}, a semicolon): a problem like any other refusal. */
    @Bean
    public org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
        return (req, res, e) -> Problems.write(res, Problems.of(HttpStatus.BAD_REQUEST, "request.invalid", "Invalid request",
                "The request path is malformed."), json);
    }

    /** Spring's strict firewall with its defaults, its header checks without regular expressions ({@link RequestChecks}). */
    @Bean
    public org.springframework.security.web.firewall.HttpFirewall httpFirewall() {
        return RequestChecks.firewall();
    }

    /**
     * No observation of Spring Security's own (the {@code spring.security.*} timers around every filter
     * of the chain, each authentication and each authorization): they cost several per cent of the
     * CPU of every request (docs/benchmarks.md). Requests are still observed as a whole
     * ({@code http_server_requests_seconds}).
     */
    @Bean
    public SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    private static void forbidden(jakarta.servlet.http.HttpServletResponse res, ObjectMapper json) throws IOException {
        Problems.write(res, Problems.of(HttpStatus.FORBIDDEN, "auth.forbidden", "Forbidden",
                "Your roles do not allow this request."), json);
    }

    static Converter<Jwt, AbstractAuthenticationToken> authentication() {
        return jwt -> new JwtAuthenticationToken(jwt, TokenRoles.authorities(jwt), jwt.getSubject());
    }

    @Bean
    public JwtDecoder jwtDecoder(Environment env) {
        NimbusJwtDecoder decoder = decoder(env);
        decoder.setJwtValidator(validator(env));
        return decoder;
    }

    /**
     * Expiry and not-before (Spring's defaults), an expiry that is there and not too far
     * ({@link TokenLifetime}), a JWS {@code typ} of {@code JWT} or {@code at+jwt} or none, a
     * {@code sub} that can name a participant (1 to 200 printable characters, see
     * {@link fr.paris.ledger.infra.web.PlainText}, and no control character at all: no tab or line
     * break either), and the issuer and audience when {@code LEDGER_JWT_ISSUER} /
     * {@code LEDGER_JWT_AUDIENCE} are set.
     */
    static OAuth2TokenValidator<Jwt> validator(Environment env) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        // a participant id has 1 to 200 printable characters: anything else is refused here, as a bad token,
        // rather than failing later in the request (or in a projection) on a name no participant can have
        validators.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, SecurityConfiguration::namesAParticipant));
        validators.add(new TokenLifetime(TokenLifetime.maximum(env), java.time.Clock.systemUTC()));
        validators.add(SecurityConfiguration::typeAllowed);
        String issuer = env.getProperty("ledger.jwt.issuer", "");
        if (!issuer.isBlank()) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        String audience = env.getProperty("ledger.jwt.audience", "");
        if (!audience.isBlank()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)));
        }
        return JwtValidators.createDefaultWithValidators(validators);
    }

    /** 1 to 200 characters, {@link fr.paris.ledger.infra.web.PlainText}, and no control character or line separator. */
    static boolean namesAParticipant(String sub) {
        return sub != null && !sub.isBlank() && sub.length() <= MAX_SUBJECT_LENGTH
                && fr.paris.ledger.infra.web.PlainText.isClean(sub)
                && sub.codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL
                        || c == '\u2028' || c == '\u2029');
    }

    /**
     * The JWS header's {@code typ}: absent, {@code JWT}, or {@code at+jwt} (RFC 9068 access tokens),
     * each also with the {@code application/} prefix, in any case (RFC 7515, 4.1.9).
     */
    private static org.springframework.security.oauth2.core.OAuth2TokenValidatorResult typeAllowed(Jwt jwt) {
        Object typ = jwt.getHeaders().get("typ");
        if (typ == null || TOKEN_TYPES.contains(String.valueOf(typ).toLowerCase(java.util.Locale.ROOT))) {
            return org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.success();
        }
        return org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.failure(
                new org.springframework.security.oauth2.core.OAuth2Error("invalid_token",
                        "The token's typ must be JWT or at+jwt", null));
    }

    private static final java.util.Set<String> TOKEN_TYPES = java.util.Set.of("jwt", "at+jwt", "application/jwt",
            "application/at+jwt");

    private static NimbusJwtDecoder decoder(Environment env) {
        var secret = TokenKeys.configuredSecret(env);
        if (secret.isPresent()) {
            TokenKeys.requireLongEnough(secret.get());
            log.info("Bearer tokens: HS256 with the secret of LEDGER_JWT_HMAC_SECRET");
            return hmac(secret.get());
        }
        var jwks = TokenKeys.jwkSetUri(env);
        if (jwks.isPresent()) {
            log.info("Bearer tokens: checked against the JWK set at {}", jwks.get());
            return NimbusJwtDecoder.withJwkSetUri(jwks.get()).validateType(false).build();
        }
        var file = TokenKeys.devSecretFile(env);
        try {
            String dev = TokenKeys.devSecret(file);
            log.warn("Bearer tokens: neither LEDGER_JWT_HMAC_SECRET nor LEDGER_JWT_JWK_SET_URI is set; using the "
                    + "DEVELOPMENT secret kept in {}. Mint a token with: java -jar participation-ledger.jar token --sub alice "
                    + "--roles CITIZEN. Never run a public service like this.", file.toAbsolutePath());
            return hmac(dev);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the development token secret " + file, e);
        }
    }

    /** {@code validateType(false)}: the {@code typ} is checked by {@link #validator}, which also takes {@code at+jwt}. */
    private static NimbusJwtDecoder hmac(String secret) {
        var key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        return NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).validateType(false).build();
    }
}
