package fr.paris.ledger.card;

import fr.paris.ledger.shared.ParisCalendar;
import fr.paris.ledger.shared.PostalCode;
import fr.paris.ledger.shared.RuleViolation;
import java.time.LocalDate;

/**
 * Who may hold a Carte Citoyenne: every Parisian aged 7 or more on the day of the request, of any
 * nationality (so nationality is not asked).
 */
public final class CardEligibility {
    public static final int MINIMUM_AGE = 7;

    private CardEligibility() {
    }

    /**
     * Refuses with {@code card.not-resident} or {@code card.too-young}; returns the age in whole
     * years on {@code day} otherwise.
     */
    public static int check(LocalDate birthdate, PostalCode postalCode, LocalDate day) {
        if (!postalCode.isParisian()) {
            throw RuleViolation.refused("card.not-resident",
                    "The citizen card is for Parisians: postal code " + postalCode + " is not in Paris.");
        }
        int age = ParisCalendar.ageOn(birthdate, day);
        if (age < MINIMUM_AGE) {
            throw RuleViolation.refused("card.too-young",
                    "The citizen card is open from the age of " + MINIMUM_AGE + ".");
        }
        return age;
    }
}
