package fr.paris.ledger.application.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

/** Paper ballots over HTTP as a count goes: a batch per urn, entered by one agent, countersigned by another. */
public final class PaperBatches {
    private final Api api;
    private final int year;

    public PaperBatches(Api api, int year) {
        this.api = api;
        this.year = year;
    }

    /** A paper ballot to enter: its number, the voter's identity-provider subject and the Paris-wide choices. */
    public record Paper(String number, String voterSub, List<String> parisWide) {
    }

    public static Paper paper(String number, String voterSub, String... parisWide) {
        return new Paper(number, voterSub, List.of(parisWide));
    }

    public String path(String batchId) {
        return "/api/v1/budget/campaigns/" + year + "/paper-batches" + (batchId == null ? "" : "/" + batchId);
    }

    public Api.Response open(String agent, String batchId, String urn, int declaredCount) {
        return api.post(path(null), agent, "{\"batchId\":\"" + batchId + "\",\"urn\":\"" + urn + "\",\"declaredCount\":"
                + declaredCount + "}");
    }

    public Api.Response enter(String agent, String batchId, Paper paper) {
        return api.post(path(batchId) + "/ballots", agent, "{\"ballotNumber\":\"" + paper.number() + "\",\"voterId\":\""
                + paper.voterSub() + "\",\"parisWide\":[" + String.join(",", paper.parisWide().stream()
                .map(p -> "\"" + p + "\"").toList()) + "],\"arrondissementProjects\":[]}");
    }

    public Api.Response spoiled(String agent, String batchId, String number) {
        return api.post(path(batchId) + "/ballots", agent, "{\"ballotNumber\":\"" + number + "\",\"spoiled\":true}");
    }

    public Api.Response voidEntry(String agent, String batchId, String number) {
        return api.send("DELETE", path(batchId) + "/ballots/" + number, agent, null, null, Map.of());
    }

    public Api.Response confirm(String agent, String batchId) {
        return api.post(path(batchId) + "/confirm", agent, "{}");
    }

    public Api.Response abandon(String token, String batchId, String reason) {
        return api.post(path(batchId) + "/abandon", token, "{\"reason\":\"" + reason + "\"}");
    }

    public Api.Response list(String token) {
        return api.get(path(null), token);
    }

    /** Opens a batch of exactly these papers, enters them as {@code agent} and confirms it as {@code countersigner}. */
    public void count(String batchId, String agent, String countersigner, Paper... papers) {
        expect(open(agent, batchId, "urn-" + batchId, papers.length), 201);
        for (Paper p : papers) {
            expect(enter(agent, batchId, p), 201);
        }
        expect(confirm(countersigner, batchId), 200);
    }

    private static void expect(Api.Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
    }
}
