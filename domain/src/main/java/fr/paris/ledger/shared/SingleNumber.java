package fr.paris.ledger.shared;

/**
 * A typed value that is written as one plain JSON number in events and in the API.
 *
 * <p>Implementations are records with a single {@code int value} component; the serializer in
 * {@code infra} writes them as that number and reads them back through the canonical constructor,
 * so that stored events read {@code "year":2026} rather than a nested object.
 */
public interface SingleNumber {
    int value();
}
