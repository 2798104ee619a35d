package fr.paris.ledger.application.budget;

import static fr.paris.ledger.application.api.Requests.answer;
import static fr.paris.ledger.application.api.Requests.cents;
import static fr.paris.ledger.application.api.Requests.enumOf;
import static fr.paris.ledger.application.api.Requests.text;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.ledger.application.api.Grace;
import fr.paris.ledger.application.api.ApiErrors.FieldProblem;
import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import fr.paris.ledger.application.api.ReceiptJson;
import fr.paris.ledger.budget.AbandonPaperBatch;
import fr.paris.ledger.budget.AdvancePhase;
import fr.paris.ledger.budget.BallotId;
import fr.paris.ledger.budget.BallotMethod;
import fr.paris.ledger.budget.CampaignFacts;
import fr.paris.ledger.budget.CampaignId;
import fr.paris.ledger.budget.CampaignRules;
import fr.paris.ledger.budget.CastBallot;
import fr.paris.ledger.budget.ConfirmPaperBatch;
import fr.paris.ledger.budget.CreateCampaign;
import fr.paris.ledger.budget.EnterPaperBallot;
import fr.paris.ledger.budget.OpenPaperBatch;
import fr.paris.ledger.budget.PaperBatchId;
import fr.paris.ledger.budget.PaperBatchStatus;
import fr.paris.ledger.budget.Phase;
import fr.paris.ledger.budget.ProjectId;
import fr.paris.ledger.budget.PublishMajorityJudgmentResults;
import fr.paris.ledger.budget.PublishResults;
import fr.paris.ledger.budget.RealizationStatus;
import fr.paris.ledger.budget.RecordRealization;
import fr.paris.ledger.budget.RecordSpoiledPaper;
import fr.paris.ledger.budget.Scope;
import fr.paris.ledger.budget.StudyProject;
import fr.paris.ledger.budget.SubmitProject;
import fr.paris.ledger.budget.Verdict;
import fr.paris.ledger.budget.VoidPaperBallot;
import fr.paris.ledger.infra.axon.Accepted;
import fr.paris.ledger.infra.axon.LedgerCommands;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.projections.budget.BudgetQueries;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import fr.paris.ledger.shared.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Budget Participatif: campaigns and phases, projects and feasibility, online ballots, paper ballots
 * in countersigned batches, results and realization.
 */
@RestController
@RequestMapping("/api/v1/budget")
@Tag(name = "Participatory budget", description = "Budget Participatif")
public class BudgetController {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BudgetController.class);
    private final LedgerCommands commands;
    private final BudgetQueries budget;
    private final BudgetAudit audit;
    private final EventStoreBudgetDirectory directory;
    private final Duration resultsGrace;

    private final Participants participants;

    public BudgetController(LedgerCommands commands, BudgetQueries budget, BudgetAudit audit,
                            EventStoreBudgetDirectory directory,
                            @Value("${ledger.budget.results-grace:PT2S}") Duration resultsGrace,
                            Participants participants) {
        this.participants = participants;
        this.commands = commands;
        this.budget = budget;
        this.audit = audit;
        this.directory = directory;
        this.resultsGrace = resultsGrace;
    }

    @PostMapping("/campaigns")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Open a year's campaign with its envelopes, ballot limits and ballot method, APPROVAL or MAJORITY_JUDGMENT (phase PROPOSALS)")
    public ResponseEntity<Map<String, Object>> createCampaign(@RequestBody BudgetRequests.Campaign body, Authentication auth) {
        List<FieldProblem> errors = new ArrayList<>();
        if (body.year() == null || body.year() < 2014 || body.year() > 2999) {
            errors.add(new FieldProblem("year", "required, 2014 or later"));
        }
        cents(errors, "parisWideEnvelopeCents", body.parisWideEnvelopeCents(), true, 0);
        TreeMap<Integer, Long> envelopes = new TreeMap<>();
        Map<String, Long> given = body.arrondissementEnvelopesCents() == null ? Map.of() : body.arrondissementEnvelopesCents();
        for (int i = 1; i <= 20; i++) {
            Long amount = given.get(Integer.toString(i));
            int before = errors.size();
            cents(errors, "arrondissementEnvelopesCents." + i, amount, true, 0);
            if (errors.size() == before) {
                envelopes.put(i, amount);
            }
        }
        if (given.size() > 20) {
            errors.add(new FieldProblem("arrondissementEnvelopesCents", "exactly the keys \"1\" to \"20\""));
        }
        int maxParis = body.maxParisWideChoices() == null ? 4 : body.maxParisWideChoices();
        int maxArr = body.maxArrondissementChoices() == null ? 4 : body.maxArrondissementChoices();
        if (maxParis < 1 || maxParis > 50) {
            errors.add(new FieldProblem("maxParisWideChoices", "1 to 50 (default 4)"));
        }
        if (maxArr < 1 || maxArr > 50) {
            errors.add(new FieldProblem("maxArrondissementChoices", "1 to 50 (default 4)"));
        }
        BallotMethod method = BallotMethod.APPROVAL;
        if (body.ballotMethod() != null) {
            try {
                method = BallotMethod.valueOf(body.ballotMethod());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldProblem("ballotMethod", "one of " + java.util.Arrays.toString(BallotMethod.values())
                        + " (default APPROVAL)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        CampaignRules rules = new CampaignRules(body.parisWideEnvelopeCents(), envelopes, maxParis, maxArr, method);
        Accepted<Object> accepted = commands.send(new CreateCampaign(new CampaignId(body.year()), rules,
                participants.staff(Caller.from(auth).subject())));
        return ResponseEntity.status(HttpStatus.CREATED).body(answer("year", body.year(), "phase", Phase.PROPOSALS.name(),
                "receipt", ReceiptJson.of(accepted.receipt())));
    }

    @GetMapping("/campaigns")
    @Operation(summary = "Every campaign, the latest year first, each as GET /campaigns/{year} reads it (public)")
    public List<BudgetQueries.CampaignView> campaigns() {
        return budget.years().stream().map(budget::campaign).flatMap(java.util.Optional::stream).toList();
    }

    @GetMapping("/campaigns/{year}")
    @Operation(summary = "A campaign: phase, rules and participation so far (public)")
    public BudgetQueries.CampaignView campaign(@PathVariable int year) {
        year(year);
        return budget.campaign(year).orElseThrow(() -> campaignNotFound(year));
    }

    @PostMapping("/campaigns/{year}/phase")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Move to the next phase; entering RESULTS tallies the ballots from the events and records the results")
    public Map<String, Object> advance(@PathVariable int year, @RequestBody BudgetRequests.PhaseChange body, Authentication auth) {
        year(year);
        Phase to = enumOf(Phase.class, "phase", body.phase());
        CampaignFacts before = directory.campaign(year).orElseThrow(() -> campaignNotFound(year));
        Accepted<Object> accepted = null;
        boolean resultsStillToRecord = to == Phase.RESULTS && before.phase() == Phase.RESULTS && !before.resultsPublished();
        if (!resultsStillToRecord) {
            accepted = commands.send(new AdvancePhase(new CampaignId(year), to, participants.staff(Caller.from(auth).subject())));
        }
        if (to == Phase.RESULTS) {
            // ballots that passed their phase check just before the close finish committing meanwhile;
            // the tally counts only ballots cast before the close
            Grace.await(resultsGrace);
            CampaignFacts closed = directory.campaign(year).orElseThrow();
            long started = System.nanoTime();
            Object publish;
            long ballots;
            if (closed.rules().majorityJudgment()) {
                var results = audit.majorityJudgment(closed);
                ballots = results.ballots();
                publish = new PublishMajorityJudgmentResults(new CampaignId(year), results);
            } else {
                var results = audit.tally(closed);
                ballots = results.ballots();
                publish = new PublishResults(new CampaignId(year), results);
            }
            long tallied = System.nanoTime();
            Accepted<Object> published = commands.send(publish);
            LOG.info("Tallied the {} campaign ({}): {} ballots in {} ms, results recorded in {} ms", year,
                    closed.rules().ballotMethod(), ballots, (tallied - started) / 1_000_000, (System.nanoTime() - tallied) / 1_000_000);
            accepted = accepted == null ? published : accepted;
        }
        return answer("year", year, "phase", to.name(), "receipt", ReceiptJson.of(accepted.receipt()));
    }

    @PostMapping("/campaigns/{year}/projects")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "Submit a project (a resident of Paris, any age), scope PARIS or \"1\" to \"20\"")
    public ResponseEntity<Map<String, Object>> submit(@PathVariable int year, @RequestBody BudgetRequests.Project body,
                                                      Authentication auth) {
        year(year);
        List<FieldProblem> errors = new ArrayList<>();
        text(errors, "title", body.title(), 3, 200);
        text(errors, "description", body.description(), 1, 20_000);
        if (!Scope.isWellFormed(body.scope())) {
            errors.add(new FieldProblem("scope", "PARIS or an arrondissement \"1\" to \"20\""));
        }
        cents(errors, "estimatedCostCents", body.estimatedCostCents(), true, 1);
        if (body.category() != null && (body.category().isBlank() || body.category().length() > 100)) {
            errors.add(new FieldProblem("category", "1 to 100 characters when given"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        Caller caller = Caller.from(auth);
        PostalCode postalCode = caller.postalCode().orElseThrow(() -> RuleViolation.refused("budget.not-resident",
                "Your identity token carries no postal code: residence in Paris cannot be established."));
        ProjectId id = ProjectId.random(year);
        Accepted<Object> accepted = commands.act(() -> commands.send(new SubmitProject(id,
                participants.reference(caller.subject(), ReferenceScope.budgetAuthor(year)), postalCode,
                body.title().strip(), body.description().strip(), new Scope(body.scope()), body.estimatedCostCents(),
                body.category())));
        return ResponseEntity.status(HttpStatus.CREATED).body(answer("projectId", id.value(),
                "receipt", ReceiptJson.of(accepted.receipt())));
    }

    @PostMapping("/projects/{projectId}/feasibility")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "Record the feasibility verdict: FEASIBLE with costCents, NOT_FEASIBLE with reason, MERGED with mergedInto")
    public Map<String, Object> feasibility(@PathVariable String projectId, @RequestBody BudgetRequests.Feasibility body,
                                           Authentication auth) {
        ProjectId project = projectOf(projectId);
        Verdict verdict = enumOf(Verdict.class, "verdict", body.verdict());
        List<FieldProblem> errors = new ArrayList<>();
        cents(errors, "costCents", body.costCents(), verdict == Verdict.FEASIBLE, verdict == Verdict.FEASIBLE ? 1 : 0);
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        if (verdict == Verdict.NOT_FEASIBLE && (body.reason() == null || body.reason().isBlank())) {
            throw new InvalidRequest("reason", "required for NOT_FEASIBLE");
        }
        if (body.reason() != null && body.reason().length() > 2_000) {
            throw new InvalidRequest("reason", "at most 2000 characters");
        }
        if (verdict == Verdict.MERGED && !ProjectId.isWellFormed(body.mergedInto())) {
            throw new InvalidRequest("mergedInto", "required for MERGED: the id of the project it joins");
        }
        Accepted<Object> accepted = send(project, new StudyProject(project, verdict, body.costCents(), body.reason(),
                verdict == Verdict.MERGED ? new ProjectId(body.mergedInto()) : null, participants.staff(Caller.from(auth).subject())));
        return answer("projectId", project.value(), "verdict", verdict.name(), "receipt", ReceiptJson.of(accepted.receipt()));
    }

    @GetMapping("/campaigns/{year}/ballot-options")
    @Operation(summary = "The projects on the ballot, Paris-wide and per arrondissement (public)")
    public Map<String, Object> ballotOptions(@PathVariable int year) {
        year(year);
        budget.campaign(year).orElseThrow(() -> campaignNotFound(year));
        return budget.ballotOptions(year);
    }

    @PutMapping("/campaigns/{year}/ballots/me")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "Cast or replace one's online ballot while voting is open (choices, or grades 0..3 by majority judgment); the last one counts")
    public Map<String, Object> vote(@PathVariable int year, @RequestBody BudgetRequests.Ballot body, Authentication auth) {
        year(year);
        Caller caller = Caller.from(auth);
        Choices choices = choices(year, body.parisWide(), body.arrondissement(), body.arrondissementProjects(), body.grades());
        Accepted<Object> accepted = commands.act(() -> commands.send(new CastBallot(new BallotId(year,
                participants.reference(caller.subject(), ReferenceScope.budget(year))),
                caller.postalCode().orElse(null), choices.parisWide, choices.arrondissement, choices.arrondissementProjects,
                choices.grades)));
        return answer("receipt", ReceiptJson.of(accepted.receipt()));
    }

    @PostMapping("/campaigns/{year}/paper-batches")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "Open a batch for one urn, declaring how many papers it holds; the caller is the batch's agent (VOTING)")
    public ResponseEntity<Map<String, Object>> openBatch(@PathVariable int year, @RequestBody BudgetRequests.PaperBatch body,
                                                         Authentication auth) {
        year(year);
        List<FieldProblem> errors = new ArrayList<>();
        identifier(errors, "batchId", body.batchId());
        identifier(errors, "urn", body.urn());
        if (body.declaredCount() == null || body.declaredCount() < 1 || body.declaredCount() > MAX_BATCH_PAPERS) {
            errors.add(new FieldProblem("declaredCount", "required, 1 to " + MAX_BATCH_PAPERS));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        directory.campaign(year).orElseThrow(() -> campaignNotFound(year));
        Accepted<Object> accepted = commands.send(new OpenPaperBatch(new CampaignId(year), body.batchId(), body.urn(),
                body.declaredCount(), participants.staff(Caller.from(auth).subject())));
        return ResponseEntity.status(HttpStatus.CREATED).body(answer("batchId", body.batchId(),
                "status", PaperBatchStatus.OPEN.name(), "receipt", ReceiptJson.of(accepted.receipt())));
    }

    @PostMapping("/campaigns/{year}/paper-batches/{batchId}/ballots")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "The batch's agent enters a paper ballot under its number, or {ballotNumber, spoiled:true} a spoiled paper")
    public ResponseEntity<Map<String, Object>> enterPaper(@PathVariable int year, @PathVariable String batchId,
                                                          @RequestBody BudgetRequests.PaperBallot body, Authentication auth) {
        PaperBatchId batch = batchOf(year, batchId);
        List<FieldProblem> errors = new ArrayList<>();
        identifier(errors, "ballotNumber", body.ballotNumber());
        boolean spoiled = Boolean.TRUE.equals(body.spoiled());
        if (spoiled) {
            // a spoiled paper counts toward its batch only: no voter, no choice (nothing personal to keep)
            for (var field : answer("voterId", body.voterId(), "parisWide", body.parisWide(),
                    "arrondissement", body.arrondissement(), "arrondissementProjects", body.arrondissementProjects(),
                    "grades", body.grades()).entrySet()) {
                if (field.getValue() != null) {
                    errors.add(new FieldProblem(field.getKey(), "a spoiled paper has only its number"));
                }
            }
        } else {
            text(errors, "voterId", body.voterId(), 1, 200);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        ParticipantId agent = participants.staff(Caller.from(auth).subject());
        Accepted<Object> accepted;
        if (spoiled) {
            accepted = commands.send(new RecordSpoiledPaper(batch, body.ballotNumber(), agent));
        } else {
            Choices choices = choices(year, body.parisWide(), body.arrondissement(), body.arrondissementProjects(), body.grades());
            accepted = commands.act(() -> commands.send(new EnterPaperBallot(batch, body.ballotNumber(),
                    participants.reference(body.voterId(), ReferenceScope.budget(year)), choices.parisWide,
                    choices.arrondissement, choices.arrondissementProjects, choices.grades, agent)));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(answer("batchId", batchId, "ballotNumber", body.ballotNumber(),
                "spoiled", spoiled, "receipt", ReceiptJson.of(accepted.receipt())));
    }

    @DeleteMapping("/campaigns/{year}/paper-batches/{batchId}/ballots/{ballotNumber}")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "The batch's agent voids an entry (a typing mistake) before the batch is confirmed")
    public Map<String, Object> voidPaper(@PathVariable int year, @PathVariable String batchId, @PathVariable String ballotNumber,
                                         Authentication auth) {
        PaperBatchId batch = batchOf(year, batchId);
        if (!IDENTIFIER.matcher(ballotNumber).matches()) {
            throw RuleViolation.notFound("budget.no-entry", "Batch " + batchId + " has no entry numbered " + ballotNumber + ".");
        }
        Accepted<Object> accepted = commands.send(new VoidPaperBallot(batch, ballotNumber,
                participants.staff(Caller.from(auth).subject())));
        return answer("batchId", batchId, "ballotNumber", ballotNumber, "voided", true, "receipt", ReceiptJson.of(accepted.receipt()));
    }

    @PostMapping("/campaigns/{year}/paper-batches/{batchId}/confirm")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "Another agent than the batch's countersigns it: its entries (spoiled included) match the declared count")
    public Map<String, Object> confirmBatch(@PathVariable int year, @PathVariable String batchId, Authentication auth) {
        PaperBatchId batch = batchOf(year, batchId);
        Accepted<Integer> accepted = commands.send(new ConfirmPaperBatch(batch, participants.staff(Caller.from(auth).subject())));
        return answer("batchId", batchId, "status", PaperBatchStatus.CONFIRMED.name(), "count", accepted.result(),
                "receipt", ReceiptJson.of(accepted.receipt()));
    }

    @PostMapping("/campaigns/{year}/paper-batches/{batchId}/abandon")
    @PreAuthorize("hasAnyRole('AGENT', 'ADMIN')")
    @Operation(summary = "Abandon an open batch, saying why: none of its ballots count, and their numbers are free again")
    public Map<String, Object> abandonBatch(@PathVariable int year, @PathVariable String batchId,
                                            @RequestBody BudgetRequests.Abandon body, Authentication auth) {
        PaperBatchId batch = batchOf(year, batchId);
        List<FieldProblem> errors = new ArrayList<>();
        text(errors, "reason", body.reason(), 1, 2_000);
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        Accepted<Object> accepted = commands.send(new AbandonPaperBatch(batch, body.reason().strip(),
                participants.staff(Caller.from(auth).subject())));
        return answer("batchId", batchId, "status", PaperBatchStatus.ABANDONED.name(), "receipt", ReceiptJson.of(accepted.receipt()));
    }

    @GetMapping("/campaigns/{year}/paper-batches")
    @PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN')")
    @Operation(summary = "The campaign's paper batches by batch id, paged (?limit=, at most 200, &after=): urn, the staff "
            + "references of its agents, declared and entered counts, status")
    public Map<String, Object> paperBatches(@PathVariable int year, @RequestParam(required = false) Integer limit,
                                            @RequestParam(required = false) String after) {
        year(year);
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 200) {
            throw new InvalidRequest("limit", "1 to 200 (default 50)");
        }
        String from = after == null ? null : cursor(after);
        budget.campaign(year).orElseThrow(() -> campaignNotFound(year));
        List<BudgetQueries.PaperBatchView> page = budget.paperBatches(year, from, size + 1);
        Map<String, Object> answer = answer("year", year, "items", page.subList(0, Math.min(size, page.size())));
        if (page.size() > size) {
            answer.put("next", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(page.get(size - 1).batchId().getBytes(StandardCharsets.UTF_8)));
        }
        return answer;
    }

    @GetMapping("/campaigns/{year}/results")
    @Operation(summary = "The results, once the campaign is in RESULTS (public)")
    public JsonNode results(@PathVariable int year) {
        year(year);
        CampaignFacts campaign = directory.campaign(year).orElseThrow(() -> campaignNotFound(year));
        if (campaign.phase().compareTo(Phase.RESULTS) < 0) {
            throw RuleViolation.refused("budget.wrong-phase", "Results are published when the campaign enters RESULTS.");
        }
        return budget.results(year).orElseThrow(() -> RuleViolation.conflict("budget.results-pending",
                "The results are being recorded; try again in a moment."));
    }

    @PostMapping("/projects/{projectId}/realization")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "Record the progress of a winning project: STUDY, WORKS, DELIVERED, ABANDONED")
    public Map<String, Object> realization(@PathVariable String projectId, @RequestBody BudgetRequests.Realization body,
                                           Authentication auth) {
        ProjectId project = projectOf(projectId);
        RealizationStatus status = enumOf(RealizationStatus.class, "status", body.status());
        if (body.note() != null && body.note().length() > 5_000) {
            throw new InvalidRequest("note", "at most 5000 characters");
        }
        Accepted<Object> accepted = send(project, new RecordRealization(project, status, body.note(),
                participants.staff(Caller.from(auth).subject())));
        return answer("projectId", project.value(), "status", status.name(), "receipt", ReceiptJson.of(accepted.receipt()));
    }

    @GetMapping("/campaigns/{year}/projects")
    @Operation(summary = "The projects of a campaign, whatever their verdict, in submission order, each as GET /projects/{projectId} "
            + "reads it, paged: ?limit= (default 50, at most 200) &after=<next of the previous page> (public)")
    public ProjectPage projects(@PathVariable int year, @RequestParam(required = false) String limit,
                                @RequestParam(required = false) String after) {
        year(year);
        int size = ProjectPage.limit(limit);
        if (budget.campaign(year).isEmpty()) {
            throw campaignNotFound(year);
        }
        return ProjectPage.of(budget.projects(year), after, size);
    }

    @GetMapping("/projects/{projectId}")
    @Operation(summary = "A project with its feasibility, votes (after results) and realization history (public)")
    public BudgetQueries.ProjectView project(@PathVariable String projectId) {
        return budget.project(projectId).orElseThrow(() -> projectNotFound(projectId));
    }

    private static final int MAX_BATCH_PAPERS = 10_000;
    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,64}");

    /** Batch ids, urns and ballot numbers: letters, digits and dashes. */
    private static void identifier(List<FieldProblem> errors, String field, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            errors.add(new FieldProblem(field, "required, 1 to 64 letters, digits and dashes"));
        }
    }

    /** A batch in a path: a malformed id names no batch. */
    private static PaperBatchId batchOf(int year, String batchId) {
        year(year);
        if (!IDENTIFIER.matcher(batchId).matches()) {
            throw RuleViolation.notFound("budget.batch-not-found", "No paper batch " + batchId + " in the " + year + " campaign.");
        }
        return new PaperBatchId(year, batchId);
    }

    /** The batch id an opaque {@code next} cursor stands for. */
    private static String cursor(String after) {
        try {
            String batchId = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
            if (IDENTIFIER.matcher(batchId).matches()) {
                return batchId;
            }
        } catch (IllegalArgumentException malformed) {
            // answered below
        }
        throw new InvalidRequest("after", "the next cursor of a previous page");
    }

    /** A ballot's content: approval choices, or majority-judgment grades (null for an approval ballot). */
    private record Choices(List<ProjectId> parisWide, Integer arrondissement, List<ProjectId> arrondissementProjects,
                           Map<ProjectId, Integer> grades) {
    }

    /** The most grades a ballot holds: more than every project of a scope and an arrondissement (2021: 13 + 40). */
    private static final int MAX_GRADES = 300;

    /**
     * A ballot's fields, checked for their shape: the fields of the campaign's ballot method only (approval: choices;
     * majority judgment: grades), each well formed. A grade outside 0..3 is left to the ballot rules
     * ({@code budget.grade-invalid}), except one beyond an int.
     */
    private Choices choices(int year, List<String> parisWide, String arrondissement, List<String> arrondissementProjects,
                            Map<String, Long> grades) {
        List<FieldProblem> errors = new ArrayList<>();
        List<ProjectId> paris = ids(errors, "parisWide", parisWide);
        List<ProjectId> local = ids(errors, "arrondissementProjects", arrondissementProjects);
        Integer arr = null;
        if (arrondissement != null) {
            if (!Scope.isWellFormed(arrondissement) || "PARIS".equals(arrondissement)) {
                errors.add(new FieldProblem("arrondissement", "\"1\" to \"20\""));
            } else {
                arr = Integer.parseInt(arrondissement);
            }
        }
        Map<ProjectId, Integer> graded = grades(errors, grades);
        BallotMethod method = directory.campaign(year).map(c -> c.rules().ballotMethod()).orElse(null);
        if (method == BallotMethod.MAJORITY_JUDGMENT) {
            for (var field : answer("parisWide", paris, "arrondissementProjects", local).entrySet()) {
                if (!((List<?>) field.getValue()).isEmpty()) {
                    errors.add(new FieldProblem(field.getKey(), "this campaign is voted by majority judgment: grade the "
                            + "projects in grades (project id to 0..3)"));
                }
            }
        } else if (method == BallotMethod.APPROVAL && graded != null && !graded.isEmpty()) {
            errors.add(new FieldProblem("grades", "this campaign is voted by approval: choose projects in parisWide and "
                    + "arrondissementProjects"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return new Choices(paris, arr, local, graded);
    }

    /** Grades keyed by well-formed project ids, each a whole number; null when absent. */
    private static Map<ProjectId, Integer> grades(List<FieldProblem> errors, Map<String, Long> grades) {
        if (grades == null) {
            return null;
        }
        if (grades.size() > MAX_GRADES) {
            errors.add(new FieldProblem("grades", "at most " + MAX_GRADES + " projects"));
            return null;
        }
        Map<ProjectId, Integer> graded = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Long> g : grades.entrySet()) {
            if (!ProjectId.isWellFormed(g.getKey())) {
                errors.add(new FieldProblem("grades", "not a project id: " + g.getKey()));
            } else if (g.getValue() == null) {
                errors.add(new FieldProblem("grades." + g.getKey(), "a grade, 0 to 3"));
            } else if (g.getValue() < Integer.MIN_VALUE || g.getValue() > Integer.MAX_VALUE) {
                throw RuleViolation.refused("budget.grade-invalid", "Project " + g.getKey() + " is graded " + g.getValue()
                        + ": a grade is 0 to 3.");
            } else {
                graded.put(new ProjectId(g.getKey()), g.getValue().intValue());
            }
        }
        return graded;
    }

    private static List<ProjectId> ids(List<FieldProblem> errors, String field, List<String> values) {
        List<ProjectId> ids = new ArrayList<>();
        if (values == null) {
            return ids;
        }
        if (values.size() > 50) {
            errors.add(new FieldProblem(field, "at most 50 project ids"));
            return ids;
        }
        for (String v : values) {
            if (ProjectId.isWellFormed(v)) {
                ids.add(new ProjectId(v));
            } else {
                errors.add(new FieldProblem(field, "not a project id: " + v));
            }
        }
        return ids;
    }

    private Accepted<Object> send(ProjectId project, Object command) {
        try {
            return commands.send(command);
        } catch (AggregateNotFoundException e) {
            throw projectNotFound(project.value());
        }
    }

    private static ProjectId projectOf(String id) {
        if (!ProjectId.isWellFormed(id)) {
            throw projectNotFound(id);
        }
        return new ProjectId(id);
    }

    private static RuleViolation projectNotFound(String id) {
        return RuleViolation.notFound("budget.project-not-found", "No project " + id + ".");
    }

    /** A campaign year in a path: one outside the years a campaign can have names no campaign. */
    private static int year(int year) {
        if (year < 2014 || year > 2999) {
            throw campaignNotFound(year);
        }
        return year;
    }

    private static RuleViolation campaignNotFound(int year) {
        return RuleViolation.notFound("budget.campaign-not-found", "No " + year + " campaign.");
    }


}
