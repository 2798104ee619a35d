package fr.paris.ledger.application.support;

import fr.paris.ledger.verifier.Verifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** Runs the auditor's tool in-process, as its command line would, and keeps its exit status and output. */
public final class VerifierCli {
    private VerifierCli() {
    }

    /** Exit status, and standard output followed by standard error. */
    public record Run(int status, String out) {
    }

    public static Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = Verifier.run(args, new PrintStream(out), new PrintStream(err));
        return new Run(status, out + err.toString());
    }
}
