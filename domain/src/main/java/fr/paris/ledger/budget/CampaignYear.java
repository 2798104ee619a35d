package fr.paris.ledger.budget;

import fr.paris.ledger.shared.SingleNumber;

/** A campaign's year, 2014 to 2999: written as a plain JSON number. */
public record CampaignYear(int value) implements SingleNumber {
    public CampaignYear {
        if (!isValid(value)) {
            throw new IllegalArgumentException("a campaign year is 2014 or later");
        }
    }

    public static boolean isValid(int year) {
        return year >= 2014 && year <= 2999;
    }

    public CampaignId campaign() {
        return new CampaignId(this);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
