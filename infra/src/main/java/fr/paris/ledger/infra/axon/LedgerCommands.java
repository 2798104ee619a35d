package fr.paris.ledger.infra.axon;

import fr.paris.ledger.shared.RuleViolation;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one way the web layer sends a command: it waits for the outcome and returns the handler's
 * result with the receipt of the event written. A refused command throws the domain's
 * {@link fr.paris.ledger.shared.RuleViolation} unchanged.
 */
public class LedgerCommands {
    private final CommandGateway gateway;
    private final JdbcTemplate jdbc;
    private final AggregateCaches caches;

    public LedgerCommands(CommandGateway gateway, JdbcTemplate jdbc, AggregateCaches caches) {
        this.gateway = gateway;
        this.jdbc = jdbc;
        this.caches = caches;
    }

    @SuppressWarnings("unchecked")
    public <R> Accepted<R> send(Object command) {
        Object outcome = sendOnFreshStateIfRefused(command);
        if (outcome instanceof HandledCommand handled) {
            return new Accepted<>((R) handled.result(), receipt(handled.eventIds()));
        }
        return new Accepted<>((R) outcome, null);
    }

    /**
     * Sends the command; if a rule refused it while its aggregate was cached on this node, sends it
     * once more on the state read from the events (another node may have changed the aggregate
     * since it was cached; see {@link AggregateCaches}). A refusal on fresh state is final.
     */
    private Object sendOnFreshStateIfRefused(Object command) {
        String target = AggregateCaches.target(command).orElse(null);
        boolean cached = target != null && caches.cached(target);
        try {
            return gateway.sendAndWait(command);
        } catch (RuleViolation refused) {
            if (!cached) {
                throw refused;
            }
            caches.evict(target);
            return gateway.sendAndWait(command);
        }
    }

    private Receipt receipt(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return null;
        }
        String main = eventIds.get(0);
        return new Receipt(main, globalIndexOf(main));
    }

    private Long globalIndexOf(String eventId) {
        try {
            List<Long> found = jdbc.queryForList(
                    "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?", Long.class, eventId);
            return found.isEmpty() ? null : found.get(0);
        } catch (DataAccessException e) {
            // on an event store other than the JDBC one (profile axonserver) there is no such table
            return null;
        }
    }
}
