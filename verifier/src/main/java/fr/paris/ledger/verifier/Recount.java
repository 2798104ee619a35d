package fr.paris.ledger.verifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code recount --export FILE}: recomputes from the exported events alone each decided petition's
 * valid signatures, each budget campaign's results, each sortition draw and each council's seat changes, and compares them with
 * what the ledger recorded. Reads the file twice (three times when a campaign was voted by majority judgment): the first pass gathers what is small (petition
 * windows and decisions, campaign rules, projects, paper ballots and those set aside, applications
 * and withdrawals, frozen pools and draws), the second folds signatures and online ballots (and their
 * withdrawals), which need the first pass's decisions and closing times.
 *
 * <p>It reads events of the second format ({@code payloadRevision} {@code "2"}), which name
 * participants by scoped references. An export holding an event of another revision is not
 * recounted: read as the second format, an event of the first one ({@code "1"}, which named people
 * by their identity and postal code) would be misread, not refused.
 */
final class Recount {
    /** The event format this recount reads. */
    static final String FORMAT = "2";

    private Recount() {
    }

    /** An event of a format the recount does not read: the export is not recounted. */
    private static final class UnsupportedFormat extends IOException {
        UnsupportedFormat(String message) {
            super(message);
        }
    }

    private static void requireFormat(ExportEvents.Event e) throws UnsupportedFormat {
        String revision = e.payloadRevision();
        if (revision == null || revision.equals(FORMAT)) {
            return;
        }
        String at = "leaf " + e.leafIndex() + " (" + e.payloadType() + ")";
        throw new UnsupportedFormat(revision.equals("1")
                ? at + " is an event of the first format (payloadRevision \"1\"), which named people; this verifier reads "
                        + "only the second format (revision " + FORMAT + "), so the export is not recounted"
                : at + " has payloadRevision \"" + revision + "\", a format this verifier does not read (it reads revision "
                        + FORMAT + "), so the export is not recounted");
    }

    /** Prints one line per petition, campaign and draw, then a summary; returns whether nothing differs. */
    static boolean run(Path export, PrintStream out) throws IOException {
        PetitionRecount petitions = new PetitionRecount();
        BudgetRecount budgets = new BudgetRecount();
        DrawRecount draws = new DrawRecount();
        SeatRecount seats = new SeatRecount();
        try {
            ExportEvents.scan(export, e -> {
                requireFormat(e);
                petitions.first(e);
                budgets.first(e);
                draws.first(e);
                seats.first(e);
            });
        } catch (UnsupportedFormat e) {
            out.println("FAIL: " + e.getMessage());
            return false;
        }
        ExportEvents.scan(export, e -> {
            petitions.second(e);
            budgets.second(e);
        });
        if (budgets.needsThirdPass()) {
            // majority judgment: the grades of the online ballots that count, by their leaves (BudgetRecount)
            budgets.beforeThirdPass();
            ExportEvents.scan(export, budgets::third);
        }
        long[] p = petitions.report(out);
        long[] b = budgets.report(out);
        long[] d = draws.report(out);
        long[] s = seats.report(out);
        long differ = p[1] + b[1] + d[1] + s[1];
        out.println((differ == 0 ? "OK: " : "FAIL: ") + p[0] + " decided petitions, " + b[0] + " budget campaigns, " + d[0]
                + " draws, " + s[0] + " councils' seats recounted"
                + (differ == 0 ? "; every recorded result matches" : "; " + differ + " differ"));
        return differ == 0;
    }
}
