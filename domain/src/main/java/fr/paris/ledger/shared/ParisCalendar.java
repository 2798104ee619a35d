package fr.paris.ledger.shared;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

/**
 * Dates of acts as Parisians count them: "the day of the act" is the calendar day in Paris, and an
 * age is a number of whole years reached on that day.
 */
public final class ParisCalendar {
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private ParisCalendar() {
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }

    /** Whole years from {@code birthdate} to {@code day}; negative when born after that day. */
    public static int ageOn(LocalDate birthdate, LocalDate day) {
        if (birthdate.isAfter(day)) {
            return -Period.between(day, birthdate).getYears() - 1;
        }
        return Period.between(birthdate, day).getYears();
    }
}
