package fr.paris.ledger.infra.privacy;

import fr.paris.ledger.budget.CampaignYear;
import java.util.regex.Pattern;

/**
 * A scope in which a participant has one reference (docs/privacy.md): {@code petition:<id>},
 * {@code petition-author:<id>}, {@code comment:<petition>}, {@code budget:<year>},
 * {@code budget-author:<year>}, {@code council:<council>} and {@code card}.
 */
public record ReferenceScope(String value) {
    private static final Pattern FORMAT = Pattern.compile(
            "card|(petition|petition-author|comment):[A-Za-z0-9-]{1,64}|(budget|budget-author):[0-9]{4}|council:[a-z0-9][a-z0-9-]{0,63}");

    public ReferenceScope {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a reference scope: card, petition:<id>, petition-author:<id>, "
                    + "comment:<petition>, budget:<year>, budget-author:<year> or council:<council>");
        }
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    public static ReferenceScope card() {
        return new ReferenceScope("card");
    }

    public static ReferenceScope petition(String petitionId) {
        return new ReferenceScope("petition:" + petitionId);
    }

    public static ReferenceScope petitionAuthor(String petitionId) {
        return new ReferenceScope("petition-author:" + petitionId);
    }

    public static ReferenceScope comment(String petitionId) {
        return new ReferenceScope("comment:" + petitionId);
    }

    public static ReferenceScope budget(CampaignYear year) {
        return new ReferenceScope("budget:" + year.value());
    }

    public static ReferenceScope budgetAuthor(CampaignYear year) {
        return new ReferenceScope("budget-author:" + year.value());
    }

    public static ReferenceScope council(String councilId) {
        return new ReferenceScope("council:" + councilId);
    }

    @Override
    public String toString() {
        return value;
    }
}
