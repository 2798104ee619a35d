package fr.paris.ledger.infra.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** Where the privacy keys come from, and the refusal to run with a real identity provider and no keys. */
class PrivacyKeysTest {
    private static String key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return Base64.getEncoder().encodeToString(k);
    }

    @Test
    void with_a_real_identity_provider_a_missing_key_stops_start_up_naming_it(@TempDir Path dir) {
        MockEnvironment env = new MockEnvironment().withProperty("ledger.jwt.jwk-set-uri", "https://idp.example/jwks")
                .withProperty("ledger.data-dir", dir.toString())
                .withProperty("ledger.privacy.lookup-key", key(2)).withProperty("ledger.privacy.staff-key", key(3));
        assertThatThrownBy(() -> PrivacyKeys.from(env)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Missing: LEDGER_SUBJECT_MASTER_KEY. See");
        assertThat(dir.resolve(PrivacyKeys.DEV_FILE)).doesNotExist();
    }

    @Test
    void configured_keys_are_used_and_a_key_of_the_wrong_length_is_refused(@TempDir Path dir) throws Exception {
        MockEnvironment env = new MockEnvironment().withProperty("ledger.jwt.jwk-set-uri", "https://idp.example/jwks")
                .withProperty("ledger.privacy.master-key", key(1)).withProperty("ledger.privacy.lookup-key", key(2));
        Path staff = Files.writeString(dir.resolve("staff.key"), key(3) + "\n");
        env.setProperty("ledger.privacy.staff-key-file", staff.toString());
        PrivacyKeys keys = PrivacyKeys.from(env);
        assertThat(keys.master()[0]).isEqualTo((byte) 1);
        assertThat(keys.staff()[31]).isEqualTo((byte) 3);
        env.setProperty("ledger.privacy.master-key", Base64.getEncoder().encodeToString(new byte[16]));
        assertThatThrownBy(() -> PrivacyKeys.from(env)).hasMessageContaining("32 bytes");
    }

    @Test
    void in_development_keys_are_generated_once_and_kept(@TempDir Path dir) throws Exception {
        MockEnvironment env = new MockEnvironment().withProperty("ledger.data-dir", dir.toString());
        PrivacyKeys first = PrivacyKeys.from(env);
        PrivacyKeys again = PrivacyKeys.from(env);
        assertThat(again.master()).isEqualTo(first.master());
        assertThat(again.lookup()).isEqualTo(first.lookup()).isNotEqualTo(first.master());
        assertThat(dir.resolve(PrivacyKeys.DEV_FILE)).exists();
    }
}
