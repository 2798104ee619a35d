package fr.paris.ledger.petition;

import java.util.Optional;

/**
 * Where signatures and comments read the facts of their petition without loading (and locking)
 * the petition's aggregate. The implementation folds the petition's own events with
 * {@link PetitionFacts#apply} and may cache the result briefly.
 */
public interface PetitionDirectory {
    Optional<PetitionFacts> find(PetitionId id);
}
