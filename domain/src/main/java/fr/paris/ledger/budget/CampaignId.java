package fr.paris.ledger.budget;

import java.util.Objects;

/** A campaign is identified by its year. */
public record CampaignId(CampaignYear year) {
    public CampaignId {
        Objects.requireNonNull(year);
    }

    @Override
    public String toString() {
        return "budget-campaign:" + year.value();
    }
}
