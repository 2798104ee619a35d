package fr.paris.ledger.shared;

/**
 * A typed identifier or value that is written as one plain JSON string in events and in the API.
 *
 * <p>Implementations are records with a single {@code String value} component; the serializer in
 * {@code infra} writes them as that string and reads them back through the canonical constructor,
 * so that stored events read {@code "participantId":"p-42"} rather than a nested object.
 */
public interface SingleValue {
    String value();
}
