package fr.paris.ledger.infra.axon;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.Serializer;

/**
 * Axon's own {@code INSERT} of events, with {@code RETURNING global_index} (issue 18): a receipt's
 * global index comes from the insert that wrote the event, not from a second {@code SELECT}.
 *
 * <p>The statement is Axon's ({@link JdbcEventStorageEngineStatements#appendEvents}), prepared on a
 * connection that asks the driver for the generated global index; once Axon has run the batch, the
 * index of each event is kept for the thread that appended it, and {@link LedgerCommands} takes it
 * for the receipt of the act it is sending. Axon appends a command's events on the thread that
 * sends the command (its unit of work commits there), so the thread is the right key; what a
 * thread appended is forgotten when it next sends a command ({@link #forget}).
 */
final class ReturningAppend implements AppendEventsStatementBuilder {
    private static final ThreadLocal<Map<String, Long>> APPENDED = ThreadLocal.withInitial(HashMap::new);

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        Connection returning = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
                        return connection.prepareStatement((String) args[0], new String[] {schema.globalIndexColumn()});
                    }
                    return invoke(connection, method, args);
                });
        PreparedStatement insert = JdbcEventStorageEngineStatements.appendEvents(returning, schema, dataType, events, serializer,
                timestampWriter);
        InvocationHandler keepIndexes = (proxy, method, args) -> {
            Object result = invoke(insert, method, args);
            if (method.getName().equals("executeBatch")) {
                keep(insert, events);
            }
            return result;
        };
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, keepIndexes);
    }

    /** Keeps the global index the driver returned for each event of the batch, in the batch's order. */
    private static void keep(PreparedStatement insert, List<? extends EventMessage<?>> events) throws SQLException {
        Map<String, Long> appended = APPENDED.get();
        try (ResultSet keys = insert.getGeneratedKeys()) {
            for (int i = 0; i < events.size() && keys.next(); i++) {
                appended.put(events.get(i).getIdentifier(), keys.getLong(1));
            }
        }
    }

    /** The global index of an event this thread appended since it last sent a command, if it did. */
    static Long appended(String eventId) {
        return APPENDED.get().get(eventId);
    }

    /** Forgets what this thread appended: called before each command it sends. */
    static void forget() {
        APPENDED.get().clear();
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
