package fr.paris.ledger.application.sortition.web;

import fr.paris.ledger.application.api.ReceiptJson;
import fr.paris.ledger.application.sortition.CouncilActs;
import fr.paris.ledger.application.sortition.CouncilReads;
import fr.paris.ledger.application.sortition.web.CouncilAnswers.CallClosedJson;
import fr.paris.ledger.application.sortition.web.CouncilAnswers.CallDrawnJson;
import fr.paris.ledger.application.sortition.web.CouncilAnswers.CallOpenedJson;
import fr.paris.ledger.application.sortition.web.CouncilAnswers.CouncilApplicationJson;
import fr.paris.ledger.application.sortition.web.CouncilAnswers.CouncilDefinedJson;
import fr.paris.ledger.application.sortition.web.CouncilAnswers.ResignationJson;
import fr.paris.ledger.application.sortition.web.CouncilRequests.CallApplyRequest;
import fr.paris.ledger.application.sortition.web.CouncilRequests.CallDrawRequest;
import fr.paris.ledger.application.sortition.web.CouncilRequests.CallOpenRequest;
import fr.paris.ledger.application.sortition.web.CouncilRequests.CouncilDefineRequest;
import fr.paris.ledger.infra.axon.Accepted;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.projections.sortition.CouncilQueries.CouncilView;
import fr.paris.ledger.projections.sortition.CouncilQueries.DrawView;
import fr.paris.ledger.projections.sortition.CouncilQueries.MembersView;
import fr.paris.ledger.projections.sortition.CouncilQueries.PoolView;
import fr.paris.ledger.sortition.CallId;
import fr.paris.ledger.sortition.CouncilId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Councils drawn by lot: definition, calls for applications, frozen pools, draws, mandates; public reads. */
@RestController
@RequestMapping("/api/v1/councils")
@Tag(name = "Councils and sortitions", description = "Tirage au sort")
public class CouncilController {
    private final CouncilActs acts;
    private final CouncilReads reads;

    public CouncilController(CouncilActs acts, CouncilReads reads) {
        this.acts = acts;
        this.reads = reads;
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Define a council: seats, age range, residence, quota groups, mandate length, renewable")
    public ResponseEntity<CouncilDefinedJson> define(@Valid @RequestBody CouncilDefineRequest body, Authentication auth) {
        CouncilId id = new CouncilId(body.councilId());
        Accepted<Object> accepted = acts.define(Caller.from(auth), id, body.name().strip(), body.rules());
        return ResponseEntity.status(HttpStatus.CREATED).body(new CouncilDefinedJson(id.value(), ReceiptJson.of(accepted.receipt())));
    }

    @GetMapping
    @Operation(summary = "Every council, in the order defined, each as GET /councils/{councilId} reads it (public)")
    public List<CouncilView> list() {
        return reads.councils();
    }

    @GetMapping("/{councilId}")
    @Operation(summary = "A council: its rules, sitting and vacant seats per group, its calls (public)")
    public CouncilView get(@PathVariable String councilId) {
        return reads.council(councilId);
    }

    @PostMapping("/{councilId}/calls")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Open a call for applications, to draw seats per group and rank alternates")
    public ResponseEntity<CallOpenedJson> open(@PathVariable String councilId, @Valid @RequestBody CallOpenRequest body,
                                               Authentication auth) {
        CallId call = new CallId(body.callId());
        Accepted<Object> accepted = acts.open(Caller.from(auth), councilId, call, body.seats(), body.alternatesPerGroup());
        return ResponseEntity.status(HttpStatus.CREATED).body(new CallOpenedJson(councilId, call.value(), "OPEN",
                ReceiptJson.of(accepted.receipt())));
    }

    @PostMapping("/{councilId}/calls/{callId}/applications")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "Apply to an open call, declaring one's quota group (eligibility judged today)")
    public ResponseEntity<CouncilApplicationJson> apply(@PathVariable String councilId, @PathVariable String callId,
                                                        @Valid @RequestBody CallApplyRequest body, Authentication auth) {
        return ResponseEntity.status(HttpStatus.CREATED).body(CouncilApplicationJson.of(
                acts.apply(Caller.from(auth), councilId, callId, body.group())));
    }

    @PostMapping("/{councilId}/calls/{callId}/close")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Close a call: the pool freezes and its hash is recorded, before any random value is known")
    public CallClosedJson close(@PathVariable String councilId, @PathVariable String callId, Authentication auth) {
        return CallClosedJson.of(acts.close(Caller.from(auth), councilId, callId));
    }

    @PostMapping("/{councilId}/calls/{callId}/draw")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Draw a closed call from public random sources (SHA256-V1 by default, or RFC3797)")
    public CallDrawnJson draw(@PathVariable String councilId, @PathVariable String callId,
                              @Valid @RequestBody CallDrawRequest body, Authentication auth) {
        return CallDrawnJson.of(councilId, callId, body.randomSources(),
                acts.draw(Caller.from(auth), councilId, callId, body.drawAlgorithm(), body.randomSources()));
    }

    @GetMapping("/{councilId}/calls/{callId}/pool")
    @Operation(summary = "The frozen pool: pseudonymous application ids and groups, in the order recorded, and its hash (public)")
    public PoolView pool(@PathVariable String councilId, @PathVariable String callId) {
        return reads.pool(councilId, callId);
    }

    @GetMapping("/{councilId}/calls/{callId}/draw")
    @Operation(summary = "The draw with everything needed to recompute it (public)")
    public DrawView drawn(@PathVariable String councilId, @PathVariable String callId) {
        return reads.draw(councilId, callId);
    }

    @GetMapping("/{councilId}/members")
    @Operation(summary = "The council's sitting members with group and mandate dates, past mandates and vacancies (public)")
    public MembersView members(@PathVariable String councilId) {
        return reads.members(councilId);
    }

    @PostMapping("/{councilId}/members/{applicationId}/resign")
    @PreAuthorize("hasAnyRole('CITIZEN', 'ADMIN')")
    @Operation(summary = "A member resigns (or an admin records it); the next eligible alternate of the group takes the seat")
    public ResignationJson resign(@PathVariable String councilId, @PathVariable String applicationId, Authentication auth) {
        return ResignationJson.of(acts.resign(Caller.from(auth), councilId, applicationId));
    }
}
