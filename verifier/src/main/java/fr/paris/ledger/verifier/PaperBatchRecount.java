package fr.paris.ledger.verifier;

import fr.paris.ledger.budget.PaperBallotEntered;
import fr.paris.ledger.budget.PaperBallotSetAside;
import fr.paris.ledger.budget.PaperBallotVoided;
import fr.paris.ledger.budget.PaperBatchAbandoned;
import fr.paris.ledger.budget.PaperBatchConfirmed;
import fr.paris.ledger.budget.PaperBatchOpened;
import fr.paris.ledger.budget.SpoiledPaperRecorded;
import fr.paris.ledger.shared.ParticipantId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The paper batches of one campaign ({@code budget-paper-batch:<year>:<batchId>}), folded from the
 * export, and the paper ballots that count: those of a batch confirmed under the countersigning
 * rules, not voided, not spoiled (a spoiled paper is no ballot), not set aside. A batch still open or
 * abandoned counts nothing.
 *
 * <p>A confirmed batch is counted only if the export shows the rules kept: it was opened in the
 * campaign (PaperBatchOpened), every entry is by the agent who opened it, it was confirmed by
 * another staff reference, its entries then matched its declared count and the confirmation's
 * counts, and nothing was entered or voided after it. A batch that breaks one is not counted and is
 * named, and so is a ballot number counted in two batches: the recount then differs.
 */
final class PaperBatchRecount {
    /** An entry: a paper ballot, or a spoiled paper ({@code ballot} null), with where it is in the export. */
    private record Entry(long globalIndex, long leafIndex, PaperBallotEntered ballot, ParticipantId by) {
    }

    private static final class Batch {
        final Map<String, Entry> entries = new LinkedHashMap<>();
        final Set<String> setAside = new HashSet<>();
        long lastSequence = -1;
        PaperBatchConfirmed confirmed;
        List<Entry> atConfirmation;
        boolean abandoned;
        boolean changedAfterClosing;
    }

    private final Map<String, Batch> batches = new TreeMap<>();
    private long setAside;

    /** One event of the batch {@code batchId}'s aggregate, in the export's order. */
    void accept(String batchId, ExportEvents.Event e) throws IOException {
        String type = e.payloadType().substring(BudgetRecount.BUDGET.length());
        Batch b = batches.computeIfAbsent(batchId, k -> new Batch());
        if (e.sequenceNumber() <= b.lastSequence) {
            throw new IOException("leaf " + e.leafIndex() + ": aggregate " + e.aggregateId() + " has sequence number "
                    + e.sequenceNumber() + " after " + b.lastSequence + " (an aggregate's events must be in sequence order)");
        }
        b.lastSequence = e.sequenceNumber();
        boolean closed = b.confirmed != null || b.abandoned;
        switch (type) {
            case "PaperBallotEntered" -> {
                PaperBallotEntered entered = e.as(PaperBallotEntered.class);
                b.changedAfterClosing |= closed;
                if (!closed) {
                    b.entries.put(entered.ballotNumber().value(), new Entry(e.globalIndex(), e.leafIndex(), entered, entered.enteredBy()));
                    b.setAside.remove(entered.ballotNumber().value());
                }
            }
            case "SpoiledPaperRecorded" -> {
                SpoiledPaperRecorded spoiled = e.as(SpoiledPaperRecorded.class);
                b.changedAfterClosing |= closed;
                if (!closed) {
                    b.entries.put(spoiled.ballotNumber().value(), new Entry(e.globalIndex(), e.leafIndex(), null, spoiled.recordedBy()));
                }
            }
            case "PaperBallotVoided" -> {
                PaperBallotVoided voided = e.as(PaperBallotVoided.class);
                b.changedAfterClosing |= closed;
                if (!closed) {
                    b.entries.remove(voided.ballotNumber().value());
                    b.setAside.remove(voided.ballotNumber().value());
                }
            }
            case "PaperBallotSetAside" -> {
                b.setAside.add(e.as(PaperBallotSetAside.class).ballotNumber().value());
                setAside++;
            }
            case "PaperBatchConfirmed" -> {
                b.changedAfterClosing |= closed;
                if (!closed) {
                    b.confirmed = e.as(PaperBatchConfirmed.class);
                    b.atConfirmation = List.copyOf(b.entries.values());
                }
            }
            case "PaperBatchAbandoned" -> {
                e.as(PaperBatchAbandoned.class); // read all the same: an unreadable payload is named
                b.changedAfterClosing |= closed;
                b.abandoned |= !closed;
            }
            default -> {
                // not a batch event: ignored, as other instruments' events are
            }
        }
    }

    /** How many PaperBallotSetAside events the batches hold. */
    long setAside() {
        return setAside;
    }

    /**
     * The paper ballots that count, in global-index order (leaf order for equal indexes): the order
     * entered; {@code openings} are the campaign's PaperBatchOpened events by batch id; each broken
     * rule is added to {@code problems}.
     */
    List<PaperBallotEntered> counted(Map<String, PaperBatchOpened> openings, List<String> problems) {
        List<Entry> counted = new ArrayList<>();
        Map<String, String> numbers = new HashMap<>();
        for (Map.Entry<String, Batch> entry : batches.entrySet()) {
            String id = entry.getKey();
            Batch b = entry.getValue();
            if (b.confirmed == null || b.abandoned) {
                continue;
            }
            String broken = brokenRule(openings.get(id), b);
            if (broken != null) {
                problems.add("batch " + id + " " + broken + " (not counted)");
                continue;
            }
            for (Entry e : b.atConfirmation) {
                if (e.ballot() == null) {
                    continue;
                }
                String other = numbers.putIfAbsent(e.ballot().ballotNumber().value(), id);
                if (other != null) {
                    problems.add("ballot number " + e.ballot().ballotNumber().value() + " counted in batches " + other + " and " + id);
                }
                if (!b.setAside.contains(e.ballot().ballotNumber().value())) {
                    counted.add(e);
                }
            }
        }
        counted.sort(Comparator.comparingLong(Entry::globalIndex).thenComparingLong(Entry::leafIndex));
        return counted.stream().map(Entry::ballot).toList();
    }

    private static String brokenRule(PaperBatchOpened opened, Batch b) {
        if (opened == null) {
            return "was confirmed but never opened in its campaign";
        }
        if (b.confirmed.confirmedBy().equals(opened.openedBy())) {
            return "was confirmed by the agent who opened it";
        }
        if (b.atConfirmation.stream().anyMatch(e -> !e.by().equals(opened.openedBy()))) {
            return "has an entry by another agent than the one who opened it";
        }
        if (b.atConfirmation.size() != opened.declaredCount()) {
            return "was confirmed with " + b.atConfirmation.size() + " entries for " + opened.declaredCount() + " declared";
        }
        long spoiled = b.atConfirmation.stream().filter(e -> e.ballot() == null).count();
        if (b.confirmed.spoiled() != spoiled || b.confirmed.ballots() != b.atConfirmation.size() - spoiled) {
            return "was confirmed as " + b.confirmed.ballots() + " ballots and " + b.confirmed.spoiled() + " spoiled, its entries are "
                    + (b.atConfirmation.size() - spoiled) + " and " + spoiled;
        }
        if (b.changedAfterClosing) {
            return "changed after it was confirmed";
        }
        return null;
    }

    /** {@code "; paper batches: 2 confirmed, 1 abandoned, 0 open"}, or nothing without batches. */
    String summary() {
        if (batches.isEmpty()) {
            return "";
        }
        long confirmed = batches.values().stream().filter(b -> b.confirmed != null && !b.abandoned).count();
        long abandoned = batches.values().stream().filter(b -> b.abandoned).count();
        return "; paper batches: " + confirmed + " confirmed, " + abandoned + " abandoned, "
                + (batches.size() - confirmed - abandoned) + " open";
    }
}
