/**
 * The auditor's command-line tool: {@code verify}, {@code fetch} and {@code recount} (docs/audit.md).
 *
 * <p>The verifier re-implements, on purpose, every rule it checks, from the documents and not from the service's
 * code, so that a bug in the service's domain cannot pass both sides:
 * <ul>
 * <li>the tree, the checkpoints and the signed notes, from docs/audit.md and the RFCs ({@link Merkle},
 * {@link SignedNote});</li>
 * <li>the approval tally and the one ballot per voter, from domain.md and api.md ({@link ApprovalRecount},
 * {@link BudgetRecount}); majority judgment, from domain.md ({@link MajorityJudgmentRecount}); the paper batches'
 * countersigning rules, from ADR 015 and docs/audit.md ({@link PaperBatchRecount});</li>
 * <li>the valid signatures, the signing window and the threshold, from domain.md ({@link PetitionRecount});</li>
 * <li>the pool hash, the key string and the selection, from docs/sortition.md and RFC 3797 ({@link Sortition});
 * seats, alternates and mandates, from docs/sortition.md ({@link SeatRecount}).</li>
 * </ul>
 *
 * <p>It depends on the {@code domain} module only for the shapes of the event records it reads (with the value types
 * they hold as fields, and the results records they carry), so that it reads the payloads as the service wrote them.
 * It calls no rule, fold or tally of the domain, and no other module of the service; Axon is not on its classpath.
 * {@code VerifierIndependenceTest} (ArchUnit) keeps it so: a use of any other domain class, or a call to a domain
 * method other than an event record's field accessor, fails the build.
 */
package fr.paris.ledger.verifier;
