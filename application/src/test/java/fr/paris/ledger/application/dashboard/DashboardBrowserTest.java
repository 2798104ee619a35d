package fr.paris.ledger.application.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.TestClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * The public dashboard in a real browser (headless Chromium, see {@link Browser}) against the
 * service on a fresh database: live counts without a reload, "is my act in the ledger?" holding
 * for a real receipt and failing when a byte of the proof or the export line is altered (by a
 * {@link TamperingProxy} the page is loaded through), a draw recomputed, each page checked with
 * axe-core and saved as a screenshot in target/dashboard/.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = "ledger.budget.results-grace=PT0.2S")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    @Value("${local.server.port}")
    int port;
    @Autowired
    TestClock clock;

    private Api api;
    private DashboardFixture data;
    private Browser browser;
    private TamperingProxy proxy;

    @BeforeAll
    void setUp() throws IOException {
        api = new Api(port);
        // the acts a minute apart, from two hours ago (so that the pages show a history, and a
        // window that closes in 365 days, not 366, from the browser's clock)
        clock.set(Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MICROS));
        data = new DashboardFixture(api, () -> clock.advance(Duration.ofMinutes(1))).build();
        data.awaitReadModels();
        browser = new Browser();
        proxy = new TamperingProxy(port);
    }

    @AfterAll
    void tearDown() {
        if (browser != null) {
            browser.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private String count(String petition) {
        return browser.attribute("#open-list [data-petition-id='" + petition + "'] [data-count]", "data-count");
    }

    @Test
    @Order(1)
    void a_signature_filed_through_the_api_shows_on_the_petitions_page_without_a_reload() {
        browser.open(base() + "/");
        browser.await("the open petitions", () -> "6".equals(count(data.trees)));
        assertThat(browser.text("h1")).isEqualTo("Pétitions");
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("fr");
        browser.script("window.dashboardTestMark = 'the same page'");

        String filed = data.petition("Des fontaines à boire dans chaque square", "Une fontaine par square.", null);
        browser.await("the new petition on the page, without a reload", () -> "0".equals(count(filed)));
        data.sign(filed, 12);
        browser.await("its count going from 0 to 1, without a reload", () -> "1".equals(count(filed)));
        assertThat(browser.script("return window.dashboardTestMark")).as("no reload").isEqualTo("the same page");
        assertThat(browser.text("#open-list [data-petition-id='" + filed + "']")).contains("1 signature", "0,02 % du seuil de 5 000");
        assertThat(browser.text("#open-list [data-petition-id='" + data.trees + "']")).contains("6 signatures",
                "0,12 % du seuil de 5 000", "Encore 365 jours pour signer");
        assertThat(browser.text("#other-petitions")).contains("Un marché couvert rue Oberkampf", "Retirée");

        browser.assertAccessible("/");
        browser.screenshot("petitions");
        browser.screenshot("petitions-phone", 390);
    }

    @Test
    @Order(2)
    void a_petition_page_shows_its_count_by_arrondissement_its_history_and_the_cpdp_decision() {
        browser.open(base() + "/petition.html?id=" + data.trees);
        browser.await("the petition", () -> browser.text("#by-arrondissement tr[data-key='11'] td.num"));
        assertThat(browser.text("h1")).isEqualTo("Des arbres sur le boulevard Voltaire");
        assertThat(browser.all("#by-arrondissement tbody tr")).hasSize(20);
        assertThat(browser.text("#by-arrondissement tr[data-key='11'] td.num")).isEqualTo("3");
        assertThat(browser.text("#by-arrondissement tr[data-key='20'] td.num")).isEqualTo("2");
        assertThat(browser.all("#history li")).extracting(li -> li.getAttribute("data-type")).containsExactly("FILED", "PUBLISHED");
        assertThat(browser.text("#decision")).startsWith("Pas encore de décision");
        browser.assertAccessible("/petition.html");
        browser.screenshot("petition");
    }

    @Test
    @Order(3)
    void a_real_receipt_holds_in_the_browser() {
        String eventId = data.receipts.get(0);
        data.awaitSigned(eventId);
        browser.open(base() + "/verify.html");
        browser.find("#event-id").sendKeys(eventId);
        browser.find("#verify-button").click();
        browser.await("the check to end", () -> !"running".equals(browser.attribute("#verify-result", "data-state"))
                && browser.attribute("#verify-result", "data-state") != null);
        assertThat(browser.attribute("#verify-result", "data-state")).as(browser.text("#verify-result")).isEqualTo("ok");
        assertThat(browser.all("#steps li")).hasSize(7).allMatch(li -> "true".equals(li.getAttribute("data-ok")));
        assertThat(browser.text("#payload")).contains("\"participantId\": \"r-", "\"petitionId\": \"" + data.trees + "\"");
        assertThat(browser.text("#verify-status")).startsWith("Vérifié");
        String key = api.get("/api/v1/audit/verifier-key", null).body().trim();
        assertThat(browser.text("#verifier-key")).isEqualTo(key);
        assertThat(browser.text("#key-fingerprint")).matches("([0-9a-f]{4} ){15}[0-9a-f]{4}");
        browser.assertAccessible("/verify.html");
        browser.screenshot("verify");
    }

    private String checkThroughProxy(TamperingProxy.Mode mode, String eventId) {
        proxy.mode(mode);
        try {
            browser.open(proxy.base() + "/verify.html?eventId=" + eventId);
            return browser.await("the check to end", () -> {
                String state = browser.attribute("#verify-result", "data-state");
                return state == null || state.equals("running") ? null : state;
            });
        } finally {
            proxy.mode(TamperingProxy.Mode.NONE);
        }
    }

    @Test
    @Order(4)
    void the_same_check_fails_with_one_byte_of_the_proof_altered_or_a_changed_export_line() {
        String eventId = data.receipts.get(1);
        data.awaitSigned(eventId);
        assertThat(api.get("/api/v1/audit/proofs/inclusion?eventId=" + eventId, null).json().path("auditPath").size())
                .as("a proof with a path to alter").isPositive();
        assertThat(checkThroughProxy(TamperingProxy.Mode.NONE, eventId)).as("a faithful copy holds").isEqualTo("ok");

        assertThat(checkThroughProxy(TamperingProxy.Mode.PROOF_BYTE, eventId)).as(browser.text("#verify-result")).isEqualTo("fail");
        assertThat(browser.text("#verify-status")).startsWith("Échec");
        assertThat(browser.all("#steps li[data-ok='false']")).extracting(li -> li.getText())
                .singleElement().asString().startsWith("En remontant la preuve, on obtient");
        browser.screenshot("verify-altered-proof");

        assertThat(checkThroughProxy(TamperingProxy.Mode.EXPORT_LINE, eventId)).as(browser.text("#verify-result")).isEqualTo("fail");
        assertThat(browser.all("#steps li[data-ok='false']")).extracting(li -> li.getText()).hasSize(2)
                .anySatisfy(s -> assertThat(s).contains("la ligne d’export n’est pas celle qui a été scellée"));
        browser.assertAccessible("/verify.html (failed)");
        browser.screenshot("verify-altered-line");
    }

    @Test
    @Order(5)
    void a_real_draw_is_recomputed_in_the_browser_and_an_altered_one_is_not() {
        String draw = DashboardFixture.COUNCIL + "/" + DashboardFixture.CALL;
        browser.open(base() + "/councils.html");
        browser.await("the draw", () -> browser.all("[data-recompute-button='" + draw + "']"));
        assertThat(browser.await("the seats", () -> browser.text("[data-council='" + DashboardFixture.COUNCIL
                + "'] tr[data-group='F'] [data-sitting]"))).isEqualTo("2");
        assertThat(browser.text("[data-council='" + DashboardFixture.COUNCIL + "'] tr[data-group='F'] [data-vacant]")).isEqualTo("0");
        browser.find("[data-recompute-button='" + draw + "']").click();
        assertThat(browser.await("the recomputation", () -> okOrFail("[data-recompute='" + draw + "']"))).isEqualTo("ok");
        assertThat(browser.text("[data-recompute='" + draw + "']")).startsWith("Recalculé dans votre navigateur");
        browser.assertAccessible("/councils.html");
        browser.screenshot("councils");

        proxy.mode(TamperingProxy.Mode.DRAW_ORDER);
        try {
            browser.open(proxy.base() + "/councils.html");
            browser.await("the draw", () -> browser.all("[data-recompute-button='" + draw + "']"));
            browser.find("[data-recompute-button='" + draw + "']").click();
            assertThat(browser.await("the recomputation", () -> okOrFail("[data-recompute='" + draw + "']"))).isEqualTo("fail");
            assertThat(browser.text("[data-recompute='" + draw + "']")).contains("la sélection du groupe F diffère");
        } finally {
            proxy.mode(TamperingProxy.Mode.NONE);
        }
    }

    private String okOrFail(String css) {
        String state = browser.attribute(css, "data-state");
        return "ok".equals(state) || "fail".equals(state) || "error".equals(state) ? state : null;
    }

    @Test
    @Order(6)
    void the_budget_pages_show_participation_during_the_vote_then_results_winners_and_delivery() {
        browser.open(base() + "/budget.html");
        browser.await("the campaign in its vote", () -> "2".equals(browser.text("[data-voters='ONLINE']")));
        assertThat(browser.attribute("#campaign", "data-year")).isEqualTo(String.valueOf(DashboardFixture.VOTING_YEAR));
        assertThat(browser.attribute(".phases [aria-current='step']", "data-phase")).isEqualTo("VOTING");
        browser.assertAccessible("/budget.html (vote)");
        browser.screenshot("budget-vote");

        browser.open(base() + "/budget.html?year=" + DashboardFixture.DONE_YEAR);
        browser.await("the results", () -> browser.all("[data-scope='11'] tr[data-winner='true']"));
        assertThat(browser.attribute(".phases [aria-current='step']", "data-phase")).isEqualTo("REALIZATION");
        assertThat(browser.text("[data-scope='11']")).contains("Enveloppe utilisée : 190 000 € sur 200 000 €",
                "Des bancs à l’ombre place Léon-Blum", "En travaux");
        assertThat(browser.all("[data-scope='11'] tr[data-winner='true']")).hasSize(2);
        assertThat(browser.text("[data-scope='PARIS']")).contains("Végétaliser les cours d’école", "Lauréat");
        browser.assertAccessible("/budget.html (results)");
        browser.screenshot("budget-results");

        // the results of a majority-judgment campaign carry a merit profile per project (issue 16): shown as stacked bars
        proxy.mode(TamperingProxy.Mode.MERIT_PROFILES);
        try {
            browser.open(proxy.base() + "/budget.html?year=" + DashboardFixture.DONE_YEAR);
            browser.await("the merit profiles", () -> browser.all("[data-scope='11'] .merit .profile"));
            assertThat(browser.all("[data-scope='11'] .merit .profile")).hasSize(2);
            assertThat(browser.text("[data-scope='11'] thead")).contains("Mention majoritaire");
            assertThat(browser.text("[data-scope='11'] .merit table")).contains("Coup de cœur", "Pas convaincu·e");
            browser.assertAccessible("/budget.html (merit profiles)");
            browser.screenshot("budget-merit-profiles");
        } finally {
            proxy.mode(TamperingProxy.Mode.NONE);
        }
    }

    @Test
    @Order(7)
    void the_ledger_page_shows_the_signed_checkpoint_the_sealing_lag_and_events_by_instrument() {
        browser.open(base() + "/ledger.html");
        String size = browser.await("the checkpoint", () -> browser.attribute("[data-tree-size]", "data-tree-size"));
        assertThat(Long.parseLong(size)).isPositive();
        assertThat(browser.all("#by-instrument tbody tr")).extracting(tr -> tr.getAttribute("data-key"))
                .contains("petition", "budget", "sortition");
        assertThat(browser.text("#verifier-key")).startsWith("ledger.paris.example/participation+");
        browser.assertAccessible("/ledger.html");
        browser.screenshot("ledger");
    }

    @Test
    @Order(8)
    void in_english_on_request() {
        browser.open(base() + "/");
        browser.await("the page", () -> browser.all("#open-list"));
        browser.find("#lang-switch").click();
        browser.await("the English page", () -> "Petitions".equals(browser.text("h1")));
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("en");
        browser.await("the cards", () -> browser.all("#open-list"));
        assertThat(browser.text("#open-list [data-petition-id='" + data.trees + "']")).contains("6 signatures", "days left to sign");
        browser.assertAccessible("/?lang=en");
        browser.screenshot("petitions-en");
        // the choice is kept for the next pages, until switched back
        browser.open(base() + "/ledger.html");
        browser.await("the English ledger page", () -> "The ledger".equals(browser.text("h1")));
        browser.open(base() + "/?lang=fr");
        browser.await("the French page", () -> "Pétitions".equals(browser.text("h1")));
    }

    @Test
    @Order(9)
    void outside_a_secure_context_the_page_says_checking_is_unavailable() {
        browser.open("http://" + Browser.INSECURE_HOST + ":" + port + "/verify.html");
        browser.await("the page", () -> browser.all("#verify-form"));
        assertThat(browser.script("return window.isSecureContext")).isEqualTo(false);
        assertThat(browser.find("#insecure").isDisplayed()).isTrue();
        assertThat(browser.text("#insecure")).startsWith("La vérification n’est pas possible ici");
        assertThat(browser.find("#event-id").isEnabled()).isFalse();
        assertThat(browser.find("#verify-button").isEnabled()).isFalse();
        browser.assertAccessible("/verify.html (not a secure context)");
    }
}
