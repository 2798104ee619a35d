package fr.paris.ledger.application.support;

import static org.assertj.core.api.Assertions.assertThat;

/** A participatory-budget campaign brought to VOTING through the API, for tests that need one. */
public final class Campaigns {
    private Campaigns() {
    }

    /** Creates the campaign of {@code year}, one Paris-wide project by {@code proposer} studied FEASIBLE, and opens the vote; the project's id. */
    public static String oneProjectInVoting(Api api, int year, String proposer, String admin, String agent) {
        StringBuilder arr = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            arr.append(i == 1 ? "" : ",").append('"').append(i).append("\":100000");
        }
        expect(api.post("/api/v1/budget/campaigns", admin, "{\"year\":" + year + ",\"parisWideEnvelopeCents\":1000000,"
                + "\"arrondissementEnvelopesCents\":{" + arr + "},\"maxParisWideChoices\":2,\"maxArrondissementChoices\":2}"), 201);
        Api.Response submitted = api.post("/api/v1/budget/campaigns/" + year + "/projects", proposer,
                "{\"title\":\"A garden\",\"description\":\"d\",\"scope\":\"PARIS\",\"estimatedCostCents\":5000}");
        expect(submitted, 201);
        String id = submitted.json().path("projectId").asText();
        expect(api.post("/api/v1/budget/campaigns/" + year + "/phase", admin, "{\"phase\":\"FEASIBILITY\"}"), 200);
        expect(api.post("/api/v1/budget/projects/" + id + "/feasibility", agent, "{\"verdict\":\"FEASIBLE\",\"costCents\":5000}"), 200);
        expect(api.post("/api/v1/budget/campaigns/" + year + "/phase", admin, "{\"phase\":\"VOTING\"}"), 200);
        return id;
    }

    private static void expect(Api.Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
    }
}
