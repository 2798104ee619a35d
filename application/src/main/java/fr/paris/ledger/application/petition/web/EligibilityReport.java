package fr.paris.ledger.application.petition.web;

import fr.paris.ledger.application.petition.PetitionReads;
import fr.paris.ledger.petition.PetitionRules;
import fr.paris.ledger.petition.SignatureRecount;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the CPDP reads before deciding: the recount of the petition's signatures from the events. */
public record EligibilityReport(String petitionId, int threshold, Instant windowStart, Instant windowEnd,
                                long validSignatures, Excluded excluded, Map<String, Long> byArrondissement,
                                boolean eligible, Instant thresholdReachedAt) {

    /** Signatures that do not count, by reason. */
    public record Excluded(long withdrawn, long outsideWindow, long notResident, long duplicate) {
    }

    static EligibilityReport of(PetitionReads.Eligibility e) {
        SignatureRecount.Result r = e.recount();
        Map<String, Long> byArrondissement = new LinkedHashMap<>();
        for (int i = 1; i <= 20; i++) {
            byArrondissement.put(Integer.toString(i), r.byArrondissement().getOrDefault(i, 0L));
        }
        return new EligibilityReport(e.petitionId().value(), PetitionRules.THRESHOLD, e.windowStart(), e.windowEnd(),
                r.validSignatures(), new Excluded(r.withdrawn(), r.outsideWindow(), r.notResident(), r.duplicate()),
                byArrondissement, r.eligible(), r.thresholdReachedAt());
    }
}
