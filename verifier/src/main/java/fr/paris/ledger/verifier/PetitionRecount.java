package fr.paris.ledger.verifier;

import fr.paris.ledger.petition.PetitionDeclined;
import fr.paris.ledger.petition.PetitionPlacedOnCouncilAgenda;
import fr.paris.ledger.petition.PetitionPublished;
import fr.paris.ledger.petition.PetitionSignatureWithdrawn;
import fr.paris.ledger.petition.PetitionSigned;
import fr.paris.ledger.petition.PetitionWithdrawn;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code recount}, petitions: counts each decided petition's valid signatures from its signature
 * events, against its signing window as of the decision, and compares them with what a
 * PetitionPlacedOnCouncilAgenda or PetitionDeclined event recorded (for a placement, also that the
 * petition is eligible and when the threshold was reached).
 *
 * <p>The rule is the verifier's own, written from the specification's petition rules (domain.md,
 * "Paris Pétition") and not from the service's code: a signature is valid when it was given by a
 * Parisian, inside the signing window, was not withdrawn and is not a duplicate; a petition is
 * eligible with 5,000 valid signatures, and the threshold was reached at the moment of the 5,000th
 * valid signature in time order. The window opens at publication (PetitionPublished's
 * {@code opensAt}) and closes at its {@code closesAt}, or earlier when the author withdrew the
 * petition or the CPDP decided on it; its end is exclusive.
 *
 * <p>Two passes over the export. The first keeps per petition only its window and its decision. The
 * second folds each signer's events (the export is in leaf order, not grouped by signer) into one
 * small state per signer: the signature that stands, if any, and the last sequence number seen. A
 * signature given while one stands is a duplicate, a withdrawal ends the standing one, events after
 * the decision are ignored. At the end each signer's standing signature is judged: residence (the
 * arrondissement recorded with the signature: outside 1-20 is not resident; the events hold no
 * postal code), then the window. Signers are told apart by their aggregate, whose identifier holds
 * the signer's reference in the petition's scope. Memory grows with distinct signers of decided
 * petitions, not with signature events.
 */
final class PetitionRecount {
    static final String PETITION = "fr.paris.ledger.petition.";
    /** Valid signatures that make a petition eligible for the Conseil de Paris's agenda (domain.md). */
    static final int THRESHOLD = 5_000;

    private record Decision(String event, long validSignatures, Instant thresholdReachedAt, Instant decidedAt) {
    }

    /** When a petition may be signed: from {@code opensAt} (inclusive) to {@code end} (exclusive). */
    record Window(Instant opensAt, Instant end) {
        /** The window stopped at {@code at}, if that is before its end. */
        Window endingAt(Instant at) {
            return at != null && at.isBefore(end) ? new Window(opensAt, at) : this;
        }

        boolean contains(Instant t) {
            return !t.isBefore(opensAt) && t.isBefore(end);
        }
    }

    /** The count of one petition's standing signatures, and when the threshold was reached (null if it was not). */
    record Count(long valid, long outsideWindow, long notResident, Instant thresholdReachedAt) {
        boolean eligible() {
            return valid >= THRESHOLD;
        }
    }

    /** One signer's fold: the signature that stands (or null) and the last sequence number read. */
    private static final class Signer {
        long lastSequence = -1;
        PetitionSigned standing;
    }

    private static final class Petition {
        /** Null until published (nothing is then valid). */
        Window window;
        Decision decision;
        final Map<String, Signer> signers = new HashMap<>();
        long withdrawn;
        long duplicate;

        void endWindowAt(Instant at) {
            window = window == null ? null : window.endingAt(at);
        }
    }

    private final Map<String, Petition> petitions = new TreeMap<>();

    /** First pass: windows and decisions. */
    void first(ExportEvents.Event e) throws IOException {
        String type = e.payloadType();
        if (!type.startsWith(PETITION) || !e.payload().has("petitionId")) {
            return;
        }
        String id = e.payload().get("petitionId").asText();
        switch (type.substring(PETITION.length())) {
            case "PetitionPublished" -> {
                PetitionPublished published = e.as(PetitionPublished.class);
                petition(id).window = new Window(published.opensAt(), published.closesAt());
            }
            case "PetitionWithdrawn" -> petition(id).endWindowAt(e.as(PetitionWithdrawn.class).withdrawnAt());
            case "PetitionPlacedOnCouncilAgenda" -> {
                Petition p = petition(id);
                PetitionPlacedOnCouncilAgenda d = e.as(PetitionPlacedOnCouncilAgenda.class);
                p.endWindowAt(d.decidedAt());
                p.decision = new Decision("PetitionPlacedOnCouncilAgenda", d.validSignatures(), d.thresholdReachedAt(), d.decidedAt());
            }
            case "PetitionDeclined" -> {
                Petition p = petition(id);
                PetitionDeclined d = e.as(PetitionDeclined.class);
                p.endWindowAt(d.decidedAt());
                p.decision = new Decision("PetitionDeclined", d.validSignatures(), null, d.decidedAt());
            }
            default -> {
            }
        }
    }

    private Petition petition(String id) {
        return petitions.computeIfAbsent(id, k -> new Petition());
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
            List<PetitionSigned> standing = new ArrayList<>();
            for (Signer signer : p.signers.values()) {
                if (signer.standing != null) {
                    standing.add(signer.standing);
                }
            }
            Count r = count(p.window, standing);
            boolean same = r.valid() == p.decision.validSignatures();
            String placement = "";
            if (p.decision.event().equals("PetitionPlacedOnCouncilAgenda")) {
                // a placement needs an eligible petition, and records when the threshold was reached
                boolean sameThreshold = Objects.equals(r.thresholdReachedAt(), p.decision.thresholdReachedAt());
                same &= r.eligible() && sameThreshold;
                placement = "; eligible " + (r.eligible() ? "yes" : "NO") + ", threshold reached at " + r.thresholdReachedAt()
                        + (sameThreshold ? "" : " but recorded " + p.decision.thresholdReachedAt());
            }
            if (!same) {
                differ++;
            }
            out.println((same ? "OK   " : "DIFF ") + "petition " + entry.getKey() + ": " + p.decision.event() + " recorded "
                    + p.decision.validSignatures() + " valid signatures, recount gives " + r.valid()
                    + " (withdrawn " + p.withdrawn + ", outside window " + r.outsideWindow() + ", not resident "
                    + r.notResident() + ", duplicate " + p.duplicate + ")" + placement);
        }
        return new long[] {decided, differ};
    }

    /**
     * Judges each signer's standing signature: not resident (arrondissement outside 1-20), else outside the window
     * (or no window: never published), else valid. The threshold time is the 5,000th valid signing time in time order.
     */
    static Count count(Window window, List<PetitionSigned> standing) {
        long notResident = 0;
        long outsideWindow = 0;
        List<Instant> valid = new ArrayList<>();
        for (PetitionSigned s : standing) {
            if (s.arrondissement() < 1 || s.arrondissement() > 20) {
                notResident++;
            } else if (window == null || !window.contains(s.signedAt())) {
                outsideWindow++;
            } else {
                valid.add(s.signedAt());
            }
        }
        Instant threshold = null;
        if (valid.size() >= THRESHOLD) {
            valid.sort(null);
            threshold = valid.get(THRESHOLD - 1);
        }
        return new Count(valid.size(), outsideWindow, notResident, threshold);
    }
}
