package fr.paris.ledger.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The auditor's command-line tool. Exit status: 0 verified, 1 verification failed (one line naming
 * the first failure), 2 usage or input/output error.
 */
public final class Verifier {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int ERROR = 2;

    static final String USAGE = """
            Participation Ledger verifier: checks the ledger's audit export against its signed checkpoints.

            usage:
              java -jar ledger-verifier.jar verify --export FILE --checkpoints FILE --key VKEY [--leaf-hashes FILE]
                  VKEY: the note verifier key <name>+<hash>+<base64>, or a file holding it.
                  --leaf-hashes: the service's stored leaf hashes (fetched as leaf-hashes.txt); with it a
                  changed event is named by its exact leaf instead of a range between two checkpoints.
                  Obtain the key from the City's published announcement, not only from the server being audited.
              java -jar ledger-verifier.jar fetch --url URL --out DIR [--token TOKEN]
                  downloads DIR/verifier.key, DIR/checkpoints.json, DIR/export.ndjson and DIR/leaf-hashes.txt
                  from URL/api/v1/audit/..., page by page; they are public, no token is needed
                  (TOKEN, or LEDGER_TOKEN: a bearer token, sent when given)
              java -jar ledger-verifier.jar recount --export FILE
                  recomputes from the export alone each decided petition's valid signatures, each budget
                  campaign's results, each sortition draw and each council's seatings and replacements,
                  and compares them with what the ledger recorded (one line each, exit 1 on any
                  difference). Run verify first. It reads events of revision 2 only: an export that
                  holds events of the first format, which named people, is not recounted (exit 1).

            exit status: 0 verified, 1 a check failed (the first failure is named), 2 usage or I/O error.
            The formats are in docs/audit.md.
            """;

    private Verifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || Set.of("-h", "--help", "help").contains(args[0])) {
            out.print(USAGE);
            return args.length == 0 ? ERROR : OK;
        }
        try {
            Map<String, String> options = options(args);
            return switch (args[0]) {
                case "verify" -> verify(options, out, err);
                case "fetch" -> fetch(options, out, err);
                case "recount" -> recount(options, out, err);
                default -> usage(err, "unknown command " + args[0]);
            };
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
    }

    private static int verify(Map<String, String> o, PrintStream out, PrintStream err) {
        require(o, "export", "checkpoints", "key");
        NoteVerifierKey key;
        try {
            String k = o.get("key");
            Path file = Path.of(k);
            if (!k.contains("+") || Files.isRegularFile(file)) {
                k = Files.readString(file, StandardCharsets.UTF_8);
            }
            key = NoteVerifierKey.parse(k);
        } catch (IOException | IllegalArgumentException e) {
            err.println("ERROR: --key: " + e.getMessage());
            return ERROR;
        }
        List<ExportVerifier.CheckpointEntry> checkpoints;
        try (InputStream in = Files.newInputStream(Path.of(o.get("checkpoints")))) {
            checkpoints = ExportVerifier.readCheckpoints(in);
        } catch (IOException e) {
            err.println("ERROR: --checkpoints: " + e.getMessage());
            return ERROR;
        }
        String hashes = o.get("leaf-hashes");
        if (hashes != null && !Files.isReadable(Path.of(hashes))) {
            err.println("ERROR: --leaf-hashes: cannot read " + hashes);
            return ERROR;
        }
        try (InputStream in = Files.newInputStream(Path.of(o.get("export")));
             InputStream leafHashes = hashes == null ? null : Files.newInputStream(Path.of(hashes))) {
            ExportVerifier.Outcome outcome = ExportVerifier.verify(in, checkpoints, key, leafHashes);
            out.println(outcome.message());
            return outcome.ok() ? OK : FAILED;
        } catch (IOException e) {
            err.println("ERROR: --export: " + e.getMessage());
            return ERROR;
        }
    }

    private static int fetch(Map<String, String> o, PrintStream out, PrintStream err) {
        if (!o.containsKey("token") && System.getenv("LEDGER_TOKEN") != null) {
            o.put("token", System.getenv("LEDGER_TOKEN"));
        }
        require(o, "url", "out");
        Path dir = Path.of(o.get("out"));
        try {
            new Fetcher(o.get("url"), o.get("token")).fetchAll(dir);
        } catch (IOException e) {
            err.println("ERROR: " + e.getMessage());
            return ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("ERROR: interrupted");
            return ERROR;
        }
        out.println("fetched " + dir.resolve(Fetcher.KEY_FILE) + ", " + dir.resolve(Fetcher.CHECKPOINTS_FILE) + ", "
                + dir.resolve(Fetcher.EXPORT_FILE));
        return OK;
    }

    private static int recount(Map<String, String> o, PrintStream out, PrintStream err) {
        require(o, "export");
        try {
            return Recount.run(Path.of(o.get("export")), out) ? OK : FAILED;
        } catch (IOException e) {
            err.println("ERROR: --export: " + e.getMessage());
            return ERROR;
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (options.put(name, value) != null) {
                throw new IllegalArgumentException("--" + name + " is given twice");
            }
        }
        return options;
    }

    private static void require(Map<String, String> options, String... names) {
        for (String n : names) {
            if (!options.containsKey(n)) {
                throw new IllegalArgumentException("--" + n + " is required");
            }
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("ERROR: " + problem);
        err.print(USAGE);
        return ERROR;
    }
}
