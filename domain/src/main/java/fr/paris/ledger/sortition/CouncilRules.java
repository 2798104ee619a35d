package fr.paris.ledger.sortition;

import fr.paris.ledger.shared.ParisCalendar;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a council is: its seats, who may apply (age range on the day of application, residents of
 * Paris only or not), its quota groups with their seats, how long a mandate lasts and whether it
 * may be held again.
 */
public record CouncilRules(int seats, Integer minAge, Integer maxAge, boolean residentsOnly, Map<String, Integer> quotas,
                           int mandateMonths, boolean renewable) {
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    public CouncilRules {
        quotas = quotas == null ? Map.of() : new TreeMap<>(quotas);
    }

    /** A quota group's name: 1 to 32 letters, digits, {@code _} or {@code -} (it is part of keys and of the pool hash). */
    public static boolean isValidGroupName(String name) {
        return name != null && GROUP.matcher(name).matches();
    }

    /**
     * Why an applicant is not eligible on {@code day}, or empty if eligible: outside the age range
     * (or no birthdate to judge it), or not a Parisian when the council is for residents only.
     */
    public Optional<String> ineligibility(LocalDate birthdate, PostalCode postalCode, LocalDate day) {
        if (minAge != null || maxAge != null) {
            if (birthdate == null) {
                return Optional.of("This council has an age range and your identity token carries no birthdate.");
            }
            int age = ParisCalendar.ageOn(birthdate, day);
            if ((minAge != null && age < minAge) || (maxAge != null && age > maxAge)) {
                return Optional.of("This council is open to ages " + range() + "; you are " + age + " today.");
            }
        }
        if (residentsOnly && (postalCode == null || !postalCode.isParisian())) {
            return Optional.of("This council is open to residents of Paris only.");
        }
        return Optional.empty();
    }

    /**
     * The first day on which someone born on {@code birthdate} is older than the maximum age, or
     * null without a maximum age: what a later check of an alternate's age needs, and no more.
     */
    public LocalDate agesOutOn(LocalDate birthdate) {
        return maxAge == null || birthdate == null ? null : birthdate.plusYears(maxAge + 1L);
    }

    /** The end of a mandate that starts at {@code start}: the same moment, {@code mandateMonths} later in Paris. */
    public Instant mandateEnd(Instant start) {
        return start.atZone(ParisCalendar.ZONE).plusMonths(mandateMonths).toInstant();
    }

    private String range() {
        return (minAge == null ? "0" : minAge) + " to " + (maxAge == null ? "any age" : maxAge);
    }
}
