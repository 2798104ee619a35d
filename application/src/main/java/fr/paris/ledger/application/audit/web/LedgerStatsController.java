package fr.paris.ledger.application.audit.web;

import fr.paris.ledger.application.audit.LedgerStatistics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The ledger's public figures, for dashboards: events by instrument, sealing lag, latest checkpoint. */
@RestController
@Tag(name = "Audit", description = "The event log sealed in an RFC 9162 Merkle tree with signed checkpoints")
public class LedgerStatsController {
    private final LedgerStatistics statistics;

    public LedgerStatsController(LedgerStatistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/api/v1/stats/ledger")
    @Operation(summary = "Sealed events by instrument, the sealing lag and the latest checkpoint's size and time (public)")
    public LedgerStatistics.Snapshot ledger() {
        return statistics.snapshot();
    }
}
