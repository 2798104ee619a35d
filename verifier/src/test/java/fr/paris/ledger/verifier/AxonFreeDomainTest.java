package fr.paris.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.paris.ledger.petition.PetitionId;
import fr.paris.ledger.petition.PetitionSigned;
import fr.paris.ledger.petition.SignatureRecount;
import fr.paris.ledger.petition.SigningWindow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The domain classes the verifier uses load and work on the verifier's classpath, where Axon is
 * absent; and they are only event records and the pure rules the recount needs, no more.
 */
class AxonFreeDomainTest {
    /**
     * Every domain class the verifier's code imports: event records, typed ids and the pure rule
     * classes it recounts with. A new one is a decision (the verifier is meant to share as little as
     * it can with the service), not an accident.
     */
    static final Set<String> DOMAIN_CLASSES = Set.of(
            "fr.paris.ledger.shared.ParticipantId", "fr.paris.ledger.shared.SingleValue",
            "fr.paris.ledger.petition.PetitionId",
            "fr.paris.ledger.petition.PetitionPublished", "fr.paris.ledger.petition.PetitionWithdrawn",
            "fr.paris.ledger.petition.PetitionSigned", "fr.paris.ledger.petition.PetitionSignatureWithdrawn",
            "fr.paris.ledger.petition.PetitionPlacedOnCouncilAgenda", "fr.paris.ledger.petition.PetitionDeclined",
            "fr.paris.ledger.budget.CampaignCreated", "fr.paris.ledger.budget.CampaignPhaseChanged",
            "fr.paris.ledger.budget.CampaignResultsPublished", "fr.paris.ledger.budget.ProjectSubmitted",
            "fr.paris.ledger.budget.ProjectStudied", "fr.paris.ledger.budget.BallotCast", "fr.paris.ledger.budget.BallotWithdrawn",
            "fr.paris.ledger.budget.PaperBallotEntered", "fr.paris.ledger.budget.PaperBallotSetAside",
            "fr.paris.ledger.budget.PaperBatchOpened", "fr.paris.ledger.budget.SpoiledPaperRecorded",
            "fr.paris.ledger.budget.PaperBallotVoided", "fr.paris.ledger.budget.PaperBatchConfirmed",
            "fr.paris.ledger.budget.PaperBatchAbandoned",
            "fr.paris.ledger.budget.BudgetResults", "fr.paris.ledger.budget.Phase", "fr.paris.ledger.budget.Verdict",
            // majority judgment: the event records only; the rule is the verifier's own (MajorityJudgmentRecount)
            "fr.paris.ledger.budget.MajorityJudgmentResults", "fr.paris.ledger.budget.MajorityJudgmentResultsPublished",
            "fr.paris.ledger.budget.BallotMethod", "fr.paris.ledger.budget.CampaignRules", "fr.paris.ledger.budget.ProjectId",
            "fr.paris.ledger.sortition.ApplicationId", "fr.paris.ledger.sortition.CallId", "fr.paris.ledger.sortition.PoolEntry",
            "fr.paris.ledger.sortition.CouncilDefined", "fr.paris.ledger.sortition.CallOpened",
            "fr.paris.ledger.sortition.ApplicationRecorded", "fr.paris.ledger.sortition.ApplicationWithdrawn",
            "fr.paris.ledger.sortition.CallClosed", "fr.paris.ledger.sortition.CallDrawn", "fr.paris.ledger.sortition.MemberSeated",
            "fr.paris.ledger.sortition.MemberResigned", "fr.paris.ledger.sortition.SeatLeftVacant",
            // the draw is the verifier's own (Sortition): of its sources, only the record's fields
            "fr.paris.ledger.sortition.RandomSource");

    private static final Pattern DOMAIN_IMPORT = Pattern.compile("^import (fr\\.paris\\.ledger\\.(?!verifier\\.)[\\w.]+);");

    @Test
    void axonIsNotOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("org.axonframework.serialization.Revision"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theVerifierImportsNoOtherDomainClass() throws IOException {
        Set<String> imported = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of(System.getProperty("basedir", ""), "src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Matcher m = DOMAIN_IMPORT.matcher(line);
                    if (m.find()) {
                        imported.add(m.group(1));
                    }
                }
            }
        }
        assertThat(imported).isNotEmpty().isSubsetOf(DOMAIN_CLASSES);
    }

    @Test
    void majorityJudgmentIsRecountedWithTheVerifiersOwnCodeNotTheServicesTally() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of(System.getProperty("basedir", ""), "src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString())
                        .doesNotContain("MajorityJudgmentTally").doesNotContain("BallotRules").doesNotContain("Grades.");
            }
        }
        assertThat(DOMAIN_CLASSES).noneMatch(c -> c.endsWith(".MajorityJudgmentTally"));
    }

    @Test
    void theRuleClassesAndEventRecordsLoadAndRun() throws Exception {
        for (String name : DOMAIN_CLASSES) {
            Class<?> c = Class.forName(name);
            assertThat(c.getAnnotations()).as(name + ": the @Revision annotation is silently absent").isEmpty();
        }
        Instant opens = Instant.parse("2026-01-01T00:00:00Z");
        SignatureRecount recount = new SignatureRecount(SigningWindow.openingAt(opens), null);
        PetitionId id = new PetitionId("pet-0123456789ab");
        recount.accept("signature:a", new PetitionSigned(id, EventLog.citizen("a"), 11, opens.plusSeconds(1)));
        recount.accept("signature:b", new PetitionSigned(id, EventLog.citizen("b"), 0, opens.plusSeconds(2)));
        SignatureRecount.Result r = recount.finish();
        assertThat(r.validSignatures()).isEqualTo(1);
        assertThat(r.notResident()).isEqualTo(1);
    }
}
