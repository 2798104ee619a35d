package fr.paris.ledger.sortition;

import java.util.Objects;

/** One applicant of a frozen pool, as published: the pseudonymous application id and the declared quota group. */
public record PoolEntry(ApplicationId applicationId, String group) {
    public PoolEntry {
        Objects.requireNonNull(applicationId);
        Objects.requireNonNull(group);
    }
}
