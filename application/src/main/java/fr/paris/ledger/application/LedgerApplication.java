package fr.paris.ledger.application;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The participation ledger service. {@code java -jar participation-ledger.jar} runs it;
 * {@code java -jar participation-ledger.jar token ...} mints a development token instead.
 */
@SpringBootApplication(scanBasePackages = "fr.paris.ledger")
public class LedgerApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("token")) {
            System.exit(DevTokenCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication.run(LedgerApplication.class, args);
    }
}
