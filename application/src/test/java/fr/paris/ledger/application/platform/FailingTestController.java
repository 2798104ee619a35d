package fr.paris.ledger.application.platform;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An endpoint that fails in an unexpected way, with a message an attacker would love to see. Test
 * only: {@code @TestComponent} keeps it out of component scanning, so only a test context that
 * imports it explicitly ({@link ErrorsTest}) has it.
 */
@TestComponent
@RestController
public class FailingTestController {
    public static final String PATH = "/api/v1/test-failure";
    public static final String SECRET_MESSAGE = "SELECT secret FROM table";

    @GetMapping(PATH)
    public String fail() {
        throw new IllegalStateException(SECRET_MESSAGE);
    }
}
