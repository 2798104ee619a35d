package fr.paris.ledger.application.sortition;

import java.util.List;
import java.util.Map;

/** Bodies of the council endpoints; boxed types, so that each missing field gets its own message. */
final class CouncilRequests {
    private CouncilRequests() {
    }

    record Define(String councilId, String name, Integer seats, Integer minAge, Integer maxAge, Boolean residentsOnly,
                  Map<String, Integer> quotas, Integer mandateMonths, Boolean renewable) {
    }

    record Open(String callId, Map<String, Integer> seats, Integer alternatesPerGroup) {
    }

    record Apply(String group) {
    }

    /** {@code randomSources}: each an array of integers or a string. */
    record Draw(String algorithm, List<Object> randomSources) {
    }
}
