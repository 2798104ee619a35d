package fr.paris.ledger.application.sortition.web;

import fr.paris.ledger.application.api.validation.Text;
import fr.paris.ledger.application.api.validation.WellFormed;
import fr.paris.ledger.application.sortition.web.CouncilChecks.ConsistentRules;
import fr.paris.ledger.application.sortition.web.CouncilChecks.GroupSeats;
import fr.paris.ledger.sortition.CallId;
import fr.paris.ledger.sortition.CouncilId;
import fr.paris.ledger.sortition.CouncilRules;
import fr.paris.ledger.sortition.DrawAlgorithm;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/** Bodies of the council endpoints; boxed types, so that each missing field gets its own message. */
final class CouncilRequests {
    private static final String ID = "required, 1 to 64 lowercase letters, digits or dashes";
    private static final String SEATS = "required, 1 to 10000";
    private static final String AGE = "0 to 150 when given";
    private static final String BOOLEAN = "required, true or false";
    private static final String MONTHS = "required, 1 to 120";
    private static final String ALTERNATES = "required, 0 to 1000";

    private CouncilRequests() {
    }

    @ConsistentRules
    record CouncilDefineRequest(
            @WellFormed(value = CouncilId.class, message = ID) String councilId,
            @Text(max = 200) String name,
            @NotNull(message = SEATS) @Min(value = 1, message = SEATS) @Max(value = 10_000, message = SEATS) Integer seats,
            @Min(value = 0, message = AGE) @Max(value = 150, message = AGE) Integer minAge,
            @Min(value = 0, message = AGE) @Max(value = 150, message = AGE) Integer maxAge,
            @NotNull(message = BOOLEAN) Boolean residentsOnly,
            @GroupSeats(min = 1) Map<String, Integer> quotas,
            @NotNull(message = MONTHS) @Min(value = 1, message = MONTHS) @Max(value = 120, message = MONTHS) Integer mandateMonths,
            @NotNull(message = BOOLEAN) Boolean renewable) {

        CouncilRules rules() {
            return new CouncilRules(seats, minAge, maxAge, residentsOnly, quotas, mandateMonths, renewable);
        }
    }

    record CallOpenRequest(
            @WellFormed(value = CallId.class, message = ID) String callId,
            @GroupSeats(min = 0, oneToDraw = true) Map<String, Integer> seats,
            @NotNull(message = ALTERNATES) @Min(value = 0, message = ALTERNATES) @Max(value = 1_000, message = ALTERNATES)
            Integer alternatesPerGroup) {
    }

    record CallApplyRequest(
            @WellFormed(value = CouncilRules.class, method = "isValidGroupName",
                    message = "required, 1 to 32 letters, digits, _ or -") String group) {
    }

    /**
     * {@code randomSources}: each an array of integers or a string; {@link fr.paris.ledger.application.sortition.CouncilActs#draw}
     * reads them and names the first bad one, as it always has.
     */
    record CallDrawRequest(
            @WellFormed(value = DrawAlgorithm.class, method = "byName", optional = true, message = "SHA256-V1 or RFC3797")
            String algorithm,
            List<Object> randomSources) {

        /** SHA256-V1 unless another is named. */
        DrawAlgorithm drawAlgorithm() {
            return algorithm == null ? DrawAlgorithm.SHA256_V1 : DrawAlgorithm.byName(algorithm).orElseThrow();
        }
    }
}
