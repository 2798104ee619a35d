package fr.paris.ledger.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HS256 bearer tokens for the load: one distinct participant per token, minted with the service's shared secret. */
final class Tokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final SecretKeySpec key;

    Tokens(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    String mint(String sub, String roles, String birthdate, String postalCode) {
        long exp = System.currentTimeMillis() / 1000 + 6 * 3600;
        StringBuilder claims = new StringBuilder("{\"sub\":\"").append(sub).append("\",\"exp\":").append(exp)
                .append(",\"roles\":[");
        String[] rs = roles.split(",");
        for (int i = 0; i < rs.length; i++) {
            claims.append(i == 0 ? "" : ",").append('"').append(rs[i]).append('"');
        }
        claims.append(']');
        if (birthdate != null) {
            claims.append(",\"birthdate\":\"").append(birthdate).append('"');
        }
        if (postalCode != null) {
            claims.append(",\"postal_code\":\"").append(postalCode).append('"');
        }
        claims.append('}');
        String signingInput = HEADER + "." + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
