package fr.paris.ledger.verifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code recount --export FILE}: recomputes from the exported events alone each decided petition's
 * valid signatures, each budget campaign's results, each sortition draw and each council's seat changes, and compares them with
 * what the ledger recorded. Reads the file twice: the first pass gathers what is small (petition
 * windows and decisions, campaign rules, projects, paper ballots, frozen pools and draws), the second
 * folds signatures and online ballots, which need the first pass's decisions and closing times.
 */
final class Recount {
    private Recount() {
    }

    /** Prints one line per petition, campaign and draw, then a summary; returns whether nothing differs. */
    static boolean run(Path export, PrintStream out) throws IOException {
        PetitionRecount petitions = new PetitionRecount();
        BudgetRecount budgets = new BudgetRecount();
        DrawRecount draws = new DrawRecount();
        SeatRecount seats = new SeatRecount();
        ExportEvents.scan(export, e -> {
            petitions.first(e);
            budgets.first(e);
            draws.first(e);
            seats.first(e);
        });
        ExportEvents.scan(export, e -> {
            petitions.second(e);
            budgets.second(e);
        });
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
