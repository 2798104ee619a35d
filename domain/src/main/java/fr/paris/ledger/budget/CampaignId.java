package fr.paris.ledger.budget;

/** A campaign is identified by its year. */
public record CampaignId(int year) {
    public CampaignId {
        if (year < 2014 || year > 2999) {
            throw new IllegalArgumentException("a campaign year is 2014 or later");
        }
    }

    @Override
    public String toString() {
        return "budget-campaign:" + year;
    }
}
