package fr.paris.ledger.projections.petition;

import fr.paris.ledger.petition.PetitionFacts;
import fr.paris.ledger.petition.PetitionId;
import fr.paris.ledger.petition.SignatureId;
import fr.paris.ledger.petition.SignatureRecount;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answers about a petition from its events, the way an auditor would, not from read models: its
 * facts as of a moment, and the recount of its signatures ({@link SignatureRecount}). The
 * signatures are streamed from the event table in (signer, sequence) order through a cursor, so
 * memory does not grow with their number.
 */
@Component
public class PetitionAudit {
    private static final String SIGNATURE_EVENTS = """
            SELECT aggregate_identifier, payload_type, payload_revision, payload FROM domain_event_entry
            WHERE aggregate_identifier LIKE ? ORDER BY aggregate_identifier, sequence_number""";

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final Serializer serializer;

    public PetitionAudit(EventStore eventStore, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                         @Qualifier("eventSerializer") Serializer serializer) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        // a transaction, so that PostgreSQL's driver reads through a cursor, fetchSize rows at a time
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.serializer = serializer;
    }

    /** The petition's facts from its events recorded at or before {@code asOf} (null: all). */
    public Optional<PetitionFacts> facts(PetitionId id, Instant asOf) {
        PetitionFacts facts = null;
        DomainEventStream events = eventStore.readEvents(id.aggregateId());
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (asOf == null || !event.getTimestamp().isAfter(asOf)) {
                facts = PetitionFacts.apply(facts, event.getPayload());
            }
        }
        return Optional.ofNullable(facts);
    }

    /** Recounts the petition's signatures as of {@code asOf} (null: all) against its signing window. */
    public SignatureRecount.Result recount(PetitionId id, PetitionFacts facts, Instant asOf) {
        SignatureRecount recount = new SignatureRecount(facts == null ? null : facts.window(), asOf);
        readOnly.executeWithoutResult(tx -> jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(SIGNATURE_EVENTS, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(5_000);
            ps.setString(1, SignatureId.prefixOf(id) + "%");
            return ps;
        }, (RowCallbackHandler) rs -> {
            Object payload = serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes(4), byte[].class,
                    rs.getString(2), rs.getString(3)));
            recount.accept(rs.getString(1), payload);
        }));
        return recount.finish();
    }
}
