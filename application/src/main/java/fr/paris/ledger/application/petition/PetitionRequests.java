package fr.paris.ledger.application.petition;

/** Bodies of the petition endpoints; strings, so that each bad field gets its own message. */
final class PetitionRequests {
    private PetitionRequests() {
    }

    record File(String title, String text, String category, Integer arrondissement) {
    }

    record Moderate(String decision, String reason) {
    }

    record Reason(String reason) {
    }

    record Comment(String text) {
    }

    record Decide(String decision, String councilSession, String reason) {
    }
}
