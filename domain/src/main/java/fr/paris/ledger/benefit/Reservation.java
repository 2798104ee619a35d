package fr.paris.ledger.benefit;

/** The answer to a reservation: a seat, or a place on the waiting list ({@code position} from 1; 0 when confirmed). */
public record Reservation(ReservationStatus status, int position) {

    public static Reservation confirmed() {
        return new Reservation(ReservationStatus.CONFIRMED, 0);
    }

    public static Reservation waitlisted(int position) {
        return new Reservation(ReservationStatus.WAITLISTED, position);
    }
}
