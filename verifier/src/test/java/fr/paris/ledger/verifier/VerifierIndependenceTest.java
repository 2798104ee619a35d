package fr.paris.ledger.verifier;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;

/**
 * The verifier checks the service from the outside: it uses no module of the service but the domain's event records,
 * and none of the domain's rules (package-info). A use of, say, the domain's tally or pool hash fails here.
 */
@AnalyzeClasses(packages = "fr.paris.ledger.verifier", importOptions = ImportOption.DoNotIncludeTests.class)
class VerifierIndependenceTest {
    /**
     * The domain classes the verifier may use: the event records it reads, the value types they hold as fields, and the
     * results records the results events carry. Never a rule, a fold or a tally: adding one here is a decision against
     * package-info's, not a fix.
     */
    static final Set<String> EVENT_SHAPES = Set.of(
            // values shared by every instrument: typed ids are read as one JSON string (SingleValue), typed numbers
            // as one JSON number (SingleNumber)
            "fr.paris.ledger.shared.ParticipantId", "fr.paris.ledger.shared.SingleValue",
            "fr.paris.ledger.shared.SingleNumber",
            "fr.paris.ledger.budget.CampaignYear", "fr.paris.ledger.budget.BallotNumber",
            // petitions
            "fr.paris.ledger.petition.PetitionPublished", "fr.paris.ledger.petition.PetitionWithdrawn",
            "fr.paris.ledger.petition.PetitionSigned", "fr.paris.ledger.petition.PetitionSignatureWithdrawn",
            "fr.paris.ledger.petition.PetitionPlacedOnCouncilAgenda", "fr.paris.ledger.petition.PetitionDeclined",
            "fr.paris.ledger.petition.PetitionId",
            // budget campaigns
            "fr.paris.ledger.budget.CampaignCreated", "fr.paris.ledger.budget.CampaignRules", "fr.paris.ledger.budget.BallotMethod",
            "fr.paris.ledger.budget.CampaignPhaseChanged", "fr.paris.ledger.budget.Phase",
            "fr.paris.ledger.budget.CampaignResultsPublished", "fr.paris.ledger.budget.BudgetResults",
            "fr.paris.ledger.budget.BudgetResults$ScopeResult", "fr.paris.ledger.budget.BudgetResults$ProjectResult",
            "fr.paris.ledger.budget.MajorityJudgmentResultsPublished", "fr.paris.ledger.budget.MajorityJudgmentResults",
            "fr.paris.ledger.budget.MajorityJudgmentResults$ScopeResult",
            "fr.paris.ledger.budget.MajorityJudgmentResults$ProjectResult",
            "fr.paris.ledger.budget.ProjectSubmitted", "fr.paris.ledger.budget.ProjectId", "fr.paris.ledger.budget.Scope",
            "fr.paris.ledger.budget.ProjectStudied", "fr.paris.ledger.budget.Verdict",
            "fr.paris.ledger.budget.BallotCast", "fr.paris.ledger.budget.BallotWithdrawn",
            "fr.paris.ledger.budget.PaperBatchOpened", "fr.paris.ledger.budget.PaperBallotEntered",
            "fr.paris.ledger.budget.SpoiledPaperRecorded", "fr.paris.ledger.budget.PaperBallotVoided",
            "fr.paris.ledger.budget.PaperBallotSetAside", "fr.paris.ledger.budget.PaperBatchConfirmed",
            "fr.paris.ledger.budget.PaperBatchAbandoned",
            // councils and sortitions
            "fr.paris.ledger.sortition.CouncilDefined", "fr.paris.ledger.sortition.CouncilId",
            "fr.paris.ledger.sortition.CallOpened", "fr.paris.ledger.sortition.CallId",
            "fr.paris.ledger.sortition.ApplicationRecorded", "fr.paris.ledger.sortition.ApplicationWithdrawn",
            "fr.paris.ledger.sortition.ApplicationId", "fr.paris.ledger.sortition.CallClosed", "fr.paris.ledger.sortition.PoolEntry",
            "fr.paris.ledger.sortition.CallDrawn", "fr.paris.ledger.sortition.RandomSource",
            "fr.paris.ledger.sortition.MemberSeated", "fr.paris.ledger.sortition.MemberResigned",
            "fr.paris.ledger.sortition.SeatLeftVacant");

    /** A class of the service: any class of the ledger outside the verifier's package. */
    private static final DescribedPredicate<JavaClass> SERVICE_CLASS =
            resideInAPackage("fr.paris.ledger..").and(not(resideInAPackage("fr.paris.ledger.verifier..")));

    private static final DescribedPredicate<JavaClass> EVENT_SHAPE =
            new DescribedPredicate<>("an event record, a value type of its fields or a results record") {
                @Override
                public boolean test(JavaClass c) {
                    return EVENT_SHAPES.contains(c.getName());
                }
            };

    /**
     * A call to (or a reference to) a method of the service that does more than read a field: anything but a record's
     * component accessor, an enum's {@code name}, {@code ordinal} or {@code values}, and {@code equals},
     * {@code hashCode}, {@code toString}. So {@code RandomSource.keyPart()} or {@code CouncilDefined.rules()}, rules
     * on event records, are refused too.
     */
    private static final DescribedPredicate<JavaAccess<?>> A_RULE_OF_THE_SERVICE =
            new DescribedPredicate<>("a method of the service other than an event record's field accessor") {
                @Override
                public boolean test(JavaAccess<?> access) {
                    AccessTarget target = access.getTarget();
                    if (!(target instanceof AccessTarget.MethodCallTarget || target instanceof AccessTarget.MethodReferenceTarget)) {
                        return false;
                    }
                    JavaClass owner = target.getOwner();
                    if (!SERVICE_CLASS.test(owner)) {
                        return false;
                    }
                    try {
                        return !readsAField(owner.reflect(), target.getName(),
                                ((AccessTarget.CodeUnitAccessTarget) target).getRawParameterTypes().size());
                    } catch (RuntimeException notOnTheClasspath) {
                        return true; // a class of another module of the service: no field read either
                    }
                }
            };

    private static boolean readsAField(Class<?> owner, String method, int parameters) {
        if (Set.of("equals", "hashCode", "toString").contains(method)) {
            return true;
        }
        if (parameters != 0) {
            return false;
        }
        if (owner.isEnum()) {
            return Set.of("name", "ordinal", "values").contains(method);
        }
        return owner.isRecord() && Arrays.stream(owner.getRecordComponents()).map(RecordComponent::getName).anyMatch(method::equals);
    }

    @ArchTest
    static final ArchRule no_module_of_the_service = noClasses()
            .that().resideInAPackage("fr.paris.ledger.verifier..")
            .should().dependOnClassesThat().resideInAnyPackage("fr.paris.ledger.infra..", "fr.paris.ledger.projections..",
                    "fr.paris.ledger.application..")
            .because("the verifier checks the service from the outside and shares no code with it");

    @ArchTest
    static final ArchRule no_axon_and_no_spring = noClasses()
            .that().resideInAPackage("fr.paris.ledger.verifier..")
            .should().dependOnClassesThat().resideInAnyPackage("org.axonframework..", "org.springframework..")
            .because("the verifier is a plain Java program: no container, no event store");

    @ArchTest
    static final ArchRule of_the_domain_only_the_event_records = noClasses()
            .that().resideInAPackage("fr.paris.ledger.verifier..")
            .should().dependOnClassesThat(SERVICE_CLASS.and(not(EVENT_SHAPE)))
            .because("the verifier re-implements every rule it checks, so that a bug in the domain's does not pass both sides");

    @ArchTest
    static final ArchRule of_the_event_records_only_their_fields = noClasses()
            .that().resideInAPackage("fr.paris.ledger.verifier..")
            .should().accessTargetWhere(A_RULE_OF_THE_SERVICE)
            .because("a method on an event record that computes something is a rule of the service too");
}
