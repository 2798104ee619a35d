package fr.paris.ledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tokens file wrk reads (bench/wrk): one token a line, line i for participant P-i of arrondissement i mod 20 + 1. */
class TokensFileTest {
    @TempDir
    Path dir;

    @Test
    void line_i_is_the_token_of_participant_prefix_i_in_arrondissement_i_mod_20_plus_1() throws Exception {
        Path file = dir.resolve("sign.tokens");
        Result r = LoadGenerator.writeTokens(new Tokens("a-secret-of-the-benchmark-at-least-32-bytes-long"), 45, "sig-x", file);
        List<String> lines = Files.readAllLines(file);
        assertThat(r.requests()).isEqualTo(45);
        assertThat(lines).hasSize(45).doesNotHaveDuplicates();
        assertThat(claims(lines.get(0))).contains("\"sub\":\"sig-x-0\"", "\"postal_code\":\"75001\"", "\"roles\":[\"CITIZEN\"]",
                "\"birthdate\":\"1980-01-01\"");
        assertThat(claims(lines.get(21))).contains("\"sub\":\"sig-x-21\"", "\"postal_code\":\"75002\"");
        assertThat(claims(lines.get(39))).contains("\"sub\":\"sig-x-39\"", "\"postal_code\":\"75020\"");
    }

    private static String claims(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
