package fr.paris.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.paris.ledger.budget.CampaignCreated;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The domain classes the verifier uses load and work on the verifier's classpath, where Axon is absent; and they are
 * only event records and the value types of their fields ({@link VerifierIndependenceTest#EVENT_SHAPES}), never a rule
 * of the service. This test reads the sources' imports, which also catches a constant the compiler inlines (ArchUnit,
 * reading the bytecode, does not see it).
 */
class AxonFreeDomainTest {
    /** The domain's rules, folds and tallies that the verifier re-implements: its main code does not even name them. */
    static final Set<String> RULES_OF_THE_SERVICE = Set.of("BudgetTally", "MajorityJudgmentTally", "BallotRules", "BallotCounter",
            "CampaignFacts", "ProjectFacts", "Grades.", "SignatureRecount", "PetitionFacts", "SigningWindow", "PetitionRules",
            "SortitionDraw", "Rfc3797Selection", "DrawAlgorithm", "PoolHash", "SortitionKey", "CouncilRules", "ParisCalendar");

    private static final Pattern DOMAIN_IMPORT = Pattern.compile("^import (fr\\.paris\\.ledger\\.(?!verifier\\.)[\\w.]+);");

    @Test
    void axonIsNotOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("org.axonframework.serialization.Revision"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theVerifierImportsNoOtherDomainClass() throws IOException {
        Set<String> imported = new TreeSet<>();
        for (Path file : mainSources()) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher m = DOMAIN_IMPORT.matcher(line);
                if (m.find()) {
                    imported.add(m.group(1));
                }
            }
        }
        assertThat(imported).isNotEmpty().isSubsetOf(VerifierIndependenceTest.EVENT_SHAPES);
    }

    @Test
    void theVerifiersMainCodeNamesNoRuleOfTheService() throws IOException {
        for (Path file : mainSources()) {
            String source = Files.readString(file, StandardCharsets.UTF_8);
            for (String rule : RULES_OF_THE_SERVICE) {
                assertThat(source.contains(rule)).as(file + " names " + rule).isFalse();
            }
        }
        assertThat(VerifierIndependenceTest.EVENT_SHAPES).noneMatch(c -> RULES_OF_THE_SERVICE.stream().anyMatch(c::contains));
    }

    private static java.util.List<Path> mainSources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of(System.getProperty("basedir", ""), "src/main/java"))) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void theEventRecordsLoadAndAreRead() throws Exception {
        for (String name : VerifierIndependenceTest.EVENT_SHAPES) {
            Class<?> c = Class.forName(name);
            assertThat(c.getAnnotations()).as(name + ": the @Revision annotation is silently absent").isEmpty();
        }
        CampaignCreated created = ExportEvents.payloadMapper().readValue("{\"year\":2026,\"rules\":{\"parisWideEnvelopeCents\":100,"
                + "\"arrondissementEnvelopesCents\":{\"11\":50},\"maxParisWideChoices\":3,\"maxArrondissementChoices\":3},"
                + "\"createdBy\":\"s-admin\",\"createdAt\":\"2026-01-05T09:00:00Z\"}", CampaignCreated.class);
        assertThat(created.createdBy().value()).isEqualTo("s-admin");
        assertThat(created.rules().arrondissementEnvelopesCents()).containsEntry(11, 50L);
    }
}
