package fr.paris.ledger.application.admin;

import fr.paris.ledger.infra.projection.ProjectionStatus;
import fr.paris.ledger.infra.projection.Projections;
import fr.paris.ledger.shared.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operating the read models: where each projection stands, and a rebuild from the first event. */
@RestController
@RequestMapping("/api/v1/admin/projections")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Admin")
public class ProjectionAdminController {
    private final Projections projections;

    public ProjectionAdminController(Projections projections) {
        this.projections = projections;
    }

    @GetMapping
    @Operation(summary = "Each projection's position, the head of the log and the lag")
    public List<ProjectionStatus> all() {
        return projections.projections();
    }

    @PostMapping("/{name}/replay")
    @Operation(summary = "Rebuild a projection from the first event (202; it catches up in the background)")
    public ResponseEntity<Map<String, String>> replay(@PathVariable String name) {
        if (!projections.replay(name)) {
            throw RuleViolation.notFound("projection.not-found", "No projection named " + name + ".");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("projection", name, "status", "REPLAYING"));
    }
}
