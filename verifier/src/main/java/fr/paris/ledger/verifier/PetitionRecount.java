package fr.paris.ledger.verifier;

import fr.paris.ledger.petition.PetitionDeclined;
import fr.paris.ledger.petition.PetitionFacts;
import fr.paris.ledger.petition.PetitionId;
import fr.paris.ledger.petition.PetitionPlacedOnCouncilAgenda;
import fr.paris.ledger.petition.PetitionPublished;
import fr.paris.ledger.petition.PetitionSignatureWithdrawn;
import fr.paris.ledger.petition.PetitionSigned;
import fr.paris.ledger.petition.PetitionStatus;
import fr.paris.ledger.petition.PetitionWithdrawn;
import fr.paris.ledger.petition.SignatureRecount;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code recount}, petitions: counts each decided petition's valid signatures from its signature
 * events, against its signing window (folded with {@link PetitionFacts}) as of the decision, and
 * compares them with what a PetitionPlacedOnCouncilAgenda or PetitionDeclined event recorded (for a
 * placement, also that the petition is eligible and when the threshold was reached).
 *
 * <p>Two passes over the export. The first keeps per petition only its facts and its decision. The
 * second folds each signer's events (the export is in leaf order, not grouped by signer) into one
 * small state per signer: the signature that stands, if any, and the last sequence number seen.
 * The fold is {@link SignatureRecount#accept}'s: a signature given while one stands is a duplicate,
 * a withdrawal ends the standing one, events after the decision are ignored. At the end each
 * signer's standing signature goes through the domain's {@link SignatureRecount}, which judges
 * residence (the arrondissement recorded with the signature: outside 1-20 is not resident; the
 * events hold no postal code) and the window. Signers are told apart by their aggregate, whose
 * identifier holds the signer's reference in the petition's scope. Memory grows with distinct
 * signers of decided petitions, not with signature events.
 */
final class PetitionRecount {
    static final String PETITION = "fr.paris.ledger.petition.";

    private record Decision(String event, long validSignatures, Instant thresholdReachedAt, Instant decidedAt) {
    }

    /** One signer's fold: the signature that stands (or null) and the last sequence number read. */
    private static final class Signer {
        long lastSequence = -1;
        PetitionSigned standing;
    }

    private static final class Petition {
        PetitionFacts facts;
        Decision decision;
        final Map<String, Signer> signers = new HashMap<>();
        long withdrawn;
        long duplicate;
    }

    private final Map<String, Petition> petitions = new TreeMap<>();

    /** First pass: windows and decisions. */
    void first(ExportEvents.Event e) throws IOException {
        String type = e.payloadType();
        if (!type.startsWith(PETITION) || !e.payload().has("petitionId")) {
            return;
        }
        String id = e.payload().get("petitionId").asText();
        Petition p;
        switch (type.substring(PETITION.length())) {
            case "PetitionPublished" -> {
                p = petition(id);
                p.facts = PetitionFacts.apply(p.facts, e.as(PetitionPublished.class));
            }
            case "PetitionWithdrawn" -> {
                p = petition(id);
                p.facts = PetitionFacts.apply(p.facts, e.as(PetitionWithdrawn.class));
            }
            case "PetitionPlacedOnCouncilAgenda" -> {
                p = petition(id);
                PetitionPlacedOnCouncilAgenda d = e.as(PetitionPlacedOnCouncilAgenda.class);
                p.facts = PetitionFacts.apply(p.facts, d);
                p.decision = new Decision("PetitionPlacedOnCouncilAgenda", d.validSignatures(), d.thresholdReachedAt(), d.decidedAt());
            }
            case "PetitionDeclined" -> {
                p = petition(id);
                PetitionDeclined d = e.as(PetitionDeclined.class);
                p.facts = PetitionFacts.apply(p.facts, d);
                p.decision = new Decision("PetitionDeclined", d.validSignatures(), null, d.decidedAt());
            }
            default -> {
            }
        }
    }

    private Petition petition(String id) {
        Petition p = petitions.computeIfAbsent(id, k -> new Petition());
        if (p.facts == null) {
            p.facts = new PetitionFacts(new PetitionId(id), "", PetitionStatus.PENDING_MODERATION, null);
        }
        return p;
    }

    /** Second pass: each signer's events, folded as they come. */
    void second(ExportEvents.Event e) throws IOException {
        String type = e.payloadType();
        boolean signed = type.equals(PETITION + "PetitionSigned");
        if (!signed && !type.equals(PETITION + "PetitionSignatureWithdrawn")) {
            return;
        }
        Petition p = petitions.get(e.payload().path("petitionId").asText());
        if (p == null || p.decision == null) {
            return;
        }
        Signer s = p.signers.computeIfAbsent(e.aggregateId(), k -> new Signer());
        if (e.sequenceNumber() <= s.lastSequence) {
            throw new IOException("leaf " + e.leafIndex() + ": aggregate " + e.aggregateId() + " has sequence number "
                    + e.sequenceNumber() + " after " + s.lastSequence + " (an aggregate's events must be in sequence order)");
        }
        s.lastSequence = e.sequenceNumber();
        Instant asOf = p.decision.decidedAt();
        if (signed) {
            PetitionSigned sig = e.as(PetitionSigned.class);
            if (asOf == null || !sig.signedAt().isAfter(asOf)) {
                if (s.standing != null) {
                    p.duplicate++;
                } else {
                    s.standing = sig;
                }
            }
        } else {
            PetitionSignatureWithdrawn w = e.as(PetitionSignatureWithdrawn.class);
            if ((asOf == null || !w.withdrawnAt().isAfter(asOf)) && s.standing != null) {
                p.withdrawn++;
                s.standing = null;
            }
        }
    }

    /** Prints one line per decided petition; returns {decided, differing}. */
    long[] report(PrintStream out) {
        long decided = 0;
        long differ = 0;
        for (Map.Entry<String, Petition> entry : petitions.entrySet()) {
            Petition p = entry.getValue();
            if (p.decision == null) {
                continue;
            }
            decided++;
            SignatureRecount recount = new SignatureRecount(p.facts.window(), p.decision.decidedAt());
            for (Map.Entry<String, Signer> s : p.signers.entrySet()) {
                if (s.getValue().standing != null) {
                    recount.accept(s.getKey(), s.getValue().standing);
                }
            }
            SignatureRecount.Result r = recount.finish();
            boolean same = r.validSignatures() == p.decision.validSignatures();
            String placement = "";
            if (p.decision.event().equals("PetitionPlacedOnCouncilAgenda")) {
                // a placement needs an eligible petition, and records when the threshold was reached
                boolean sameThreshold = java.util.Objects.equals(r.thresholdReachedAt(), p.decision.thresholdReachedAt());
                same &= r.eligible() && sameThreshold;
                placement = "; eligible " + (r.eligible() ? "yes" : "NO") + ", threshold reached at " + r.thresholdReachedAt()
                        + (sameThreshold ? "" : " but recorded " + p.decision.thresholdReachedAt());
            }
            if (!same) {
                differ++;
            }
            out.println((same ? "OK   " : "DIFF ") + "petition " + entry.getKey() + ": " + p.decision.event() + " recorded "
                    + p.decision.validSignatures() + " valid signatures, recount gives " + r.validSignatures()
                    + " (withdrawn " + p.withdrawn + ", outside window " + r.outsideWindow() + ", not resident "
                    + r.notResident() + ", duplicate " + p.duplicate + ")" + placement);
        }
        return new long[] {decided, differ};
    }
}
