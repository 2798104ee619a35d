package fr.paris.ledger.infra.axon;

import fr.paris.ledger.shared.RuleViolation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Around every command: collects the ids of the events it publishes (for the receipt), and counts
 * it as accepted, refused (with the rule's code) or failed; and counts events once committed.
 */
public class CommandOutcomeInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {
    private static final String EVENT_IDS = CommandOutcomeInterceptor.class.getName() + ".eventIds";

    private final MeterRegistry meters;

    public CommandOutcomeInterceptor(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> uow, InterceptorChain chain) throws Exception {
        String command = uow.getMessage().getPayloadType().getSimpleName();
        List<String> eventIds = new ArrayList<>();
        uow.resources().put(EVENT_IDS, eventIds);
        Object result;
        try {
            result = chain.proceed();
        } catch (RuleViolation refused) {
            if (!OnceCreated.assumingNew()) {
                count(command, "refused", refused.code());
            } // else LedgerCommands counts it if it stands (refusedOnceCreated), or sends the command again
            throw refused;
        } catch (AggregateNotFoundException missing) {
            count(command, "refused", "not-found");
            throw missing;
        } catch (Exception failed) {
            count(command, "failed", "none");
            throw failed;
        }
        uow.afterCommit(u -> count(command, "accepted", "none"));
        // Axon runs event dispatch interceptors when the unit of work prepares its commit, after this
        // returns: the list is filled by then, before the gateway hands the result to its caller.
        return new HandledCommand(result, java.util.Collections.unmodifiableList(eventIds));
    }

    /** Records the id of each event published inside a command, and counts it once committed. */
    public MessageDispatchInterceptor<EventMessage<?>> eventRecorder() {
        return messages -> {
            if (CurrentUnitOfWork.isStarted()) {
                UnitOfWork<?> uow = CurrentUnitOfWork.get();
                List<String> ids = uow.getResource(EVENT_IDS);
                for (EventMessage<?> m : messages) {
                    if (ids != null) {
                        ids.add(m.getIdentifier());
                    }
                    String type = m.getPayloadType().getSimpleName();
                    uow.afterCommit(u -> Counter.builder("ledger.events.appended").tag("type", type)
                            .description("Events appended to the ledger").register(meters).increment());
                }
            }
            return (index, message) -> message;
        };
    }

    /** Counts a refusal given to a command handled on an empty aggregate, once it is known to stand ({@link OnceCreated}). */
    void refusedOnceCreated(Object command, RuleViolation refused) {
        count(command.getClass().getSimpleName(), "refused", refused.code());
    }

    private void count(String command, String outcome, String code) {
        Counter.builder("ledger.commands")
                .description("Commands handled, by type and outcome (accepted, refused with a rule's code, failed)")
                .tag("command", command).tag("outcome", outcome).tag("code", code)
                .register(meters).increment();
    }
}
