package fr.paris.ledger.application.petition.web;

import fr.paris.ledger.application.api.validation.OneOf;
import fr.paris.ledger.application.api.validation.Text;
import fr.paris.ledger.petition.CpdpDecision;
import fr.paris.ledger.petition.Moderation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Bodies of the petition endpoints and their field checks; strings, so that each bad field gets its
 * own message. Checks that depend on another field (a reason required to reject or to decline, a
 * council session to place on the agenda) are the use case's.
 */
final class PetitionRequests {
    /** Some character that is not whitespace ({@link String#isBlank()} is false); absent passes. */
    private static final String NOT_BLANK = "(?s).*\\P{javaWhitespace}.*";

    private PetitionRequests() {
    }

    record File(@Text(min = 3, max = 200) String title,
                @Text(max = 20_000) String text,
                @Pattern(regexp = NOT_BLANK, message = "1 to 100 characters when given")
                @Size(max = 100, message = "1 to 100 characters when given") String category,
                @Min(value = 1, message = "1 to 20 when given") @Max(value = 20, message = "1 to 20 when given")
                Integer arrondissement) {
    }

    record Moderate(@OneOf(Moderation.class) String decision,
                    @Size(max = 2_000, message = "at most 2000 characters") String reason) {
    }

    /** A withdrawal's reason, optional. */
    record Reason(@Size(max = 2_000, message = "at most 2000 characters") String reason) {
    }

    /** The reason an agent hides a comment, required. */
    record Hide(@NotNull(message = "required to hide a comment")
                @Pattern(regexp = NOT_BLANK, message = "required to hide a comment")
                @Size(max = 2_000, message = "at most 2000 characters") String reason) {
    }

    record Comment(@Text(max = 5_000) String text) {
    }

    record Decide(@OneOf(CpdpDecision.class) String decision,
                  String councilSession,
                  @Size(max = 2_000, message = "at most 2000 characters") String reason) {
    }
}
