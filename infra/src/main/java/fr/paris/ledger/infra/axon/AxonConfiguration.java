package fr.paris.ledger.infra.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.paris.ledger.benefit.CardEvent;
import fr.paris.ledger.budget.Ballot;
import fr.paris.ledger.budget.BudgetProject;
import fr.paris.ledger.budget.Campaign;
import fr.paris.ledger.budget.PaperBatch;
import fr.paris.ledger.card.CitizenCardHolder;
import fr.paris.ledger.infra.events.EventScanner;
import fr.paris.ledger.petition.Petition;
import fr.paris.ledger.petition.PetitionComment;
import fr.paris.ledger.petition.PetitionSignature;
import fr.paris.ledger.sortition.Council;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon wiring: the Jackson serializer everywhere (events, messages, tokens), the aggregates with
 * their caches, a command gateway that retries optimistic-concurrency conflicts, and the
 * interceptors behind receipts and command metrics.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * Aggregates of the ledger, registered here so that {@code domain} needs no Spring annotation.
     * Long-lived ones are cached; one-shot ones (a signature, a comment) are not, so that memory does
     * not grow with their number.
     */
    static final List<Class<?>> CACHED_AGGREGATES = List.of(CitizenCardHolder.class, Petition.class, Campaign.class,
            BudgetProject.class, PaperBatch.class, Council.class, CardEvent.class);
    static final List<Class<?>> UNCACHED_AGGREGATES = List.of(PetitionSignature.class, PetitionComment.class,
            Ballot.class);
    /**
     * Commands whose {@code CREATE_IF_MISSING} handler usually creates its aggregate (a signature, a
     * ballot, a card holder): sent first without reading the stream ({@link OnceCreated}).
     */
    static final List<Class<?>> ONCE_CREATED_COMMANDS = List.of(fr.paris.ledger.petition.SignPetition.class,
            fr.paris.ledger.budget.CastBallot.class, fr.paris.ledger.card.IssueCitizenCard.class);

    /** The storage engine seen through {@link OnceCreated.Storage}, so that an aggregate assumed new is not read. */
    @Bean
    public static org.springframework.beans.factory.config.BeanPostProcessor onceCreatedStorage() {
        return new org.springframework.beans.factory.config.BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof org.axonframework.eventsourcing.eventstore.EventStorageEngine engine
                        && !(bean instanceof OnceCreated.Storage)) {
                    return new OnceCreated.Storage(engine);
                }
                return bean;
            }
        };
    }

    /** The system clock at microsecond precision: what PostgreSQL keeps of an instant, so events and reads agree. */
    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.tick(Clock.systemUTC(), java.time.Duration.ofNanos(1_000));
    }

    /**
     * Axon stamps each event message with its own static clock; it is set to the ledger's, so that an
     * event's recorded time and the times in its payload come from one clock.
     */
    @Bean
    public EventClock eventClock(Clock clock) {
        org.axonframework.eventhandling.GenericEventMessage.clock = clock;
        return new EventClock(clock);
    }

    /** Marks that Axon's event clock is the ledger's. */
    public record EventClock(Clock clock) {
    }

    /** Typed values as plain strings in the API's JSON too (Spring Boot adds Jackson module beans to its mapper). */
    @Bean
    public com.fasterxml.jackson.databind.Module ledgerSingleValues() {
        return LedgerObjectMapper.singleValues();
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return jackson();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return jackson();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return jackson();
    }

    private static Serializer jackson() {
        ObjectMapper mapper = LedgerObjectMapper.create();
        return JacksonSerializer.builder().objectMapper(mapper).lenientDeserialization().build();
    }

    /** One cache per long-lived aggregate type, known to {@link LedgerCommands} for the retry on stale state. */
    @Bean
    public AggregateCaches aggregateCaches() {
        return new AggregateCaches(CACHED_AGGREGATES.stream().map(type -> new WeakReferenceCache()).toList());
    }

    @Bean
    public ConfigurerModule ledgerAggregates(AggregateCaches caches) {
        return configurer -> {
            for (int i = 0; i < CACHED_AGGREGATES.size(); i++) {
                org.axonframework.common.caching.Cache cache = caches.cache(i);
                configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(CACHED_AGGREGATES.get(i))
                        .configureCache(c -> cache));
            }
            UNCACHED_AGGREGATES.forEach(type -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(type)));
        };
    }

    /** Sequence-number conflicts in PostgreSQL recognised as such, so that the gateway retries them (two nodes). */
    @Bean
    public org.axonframework.common.jdbc.PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    /**
     * Axon's JDBC storage engine, built as its Spring Boot auto-configuration builds it, except that
     * its insert returns each event's global index ({@link ReturningAppend}): the receipts need no
     * second read. Not with Axon Server (profile axonserver), which stores the events itself.
     */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "axon.axonserver.enabled",
            havingValue = "false")
    public org.axonframework.eventsourcing.eventstore.EventStorageEngine eventStorageEngine(
            Serializer defaultSerializer, org.axonframework.common.jdbc.PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer, org.axonframework.config.Configuration configuration,
            org.axonframework.common.jdbc.ConnectionProvider connectionProvider,
            org.axonframework.common.transaction.TransactionManager transactionManager,
            org.axonframework.eventsourcing.eventstore.jdbc.EventSchema eventSchema) {
        return org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .appendEvents(new ReturningAppend())
                .build();
    }

    @Bean
    public CommandOutcomeInterceptor commandOutcomeInterceptor(MeterRegistry meters) {
        return new CommandOutcomeInterceptor(meters);
    }

    /** The command-side interceptor, as a bean, is put on the command bus by Axon's Spring support. */
    @Bean
    public ConfigurerModule eventRecording(CommandOutcomeInterceptor interceptor) {
        return configurer -> configurer.onInitialize(config -> config.onStart(
                () -> config.eventBus().registerDispatchInterceptor(interceptor.eventRecorder())));
    }

    /**
     * The gateway sends on the caller's thread and does not retry: {@link LedgerCommands} retries a
     * conflict itself, on the same thread, so that a retry stays inside the request's transaction
     * when there is one (an idempotent request, ADR 004).
     */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder().commandBus(commandBus).build();
    }

    /**
     * Axon's JDBC components take their connections from Spring's transaction, which commits and
     * rolls back. Axon's default wraps this provider in a unit-of-work-aware one that calls
     * {@code rollback()} on the connection itself when a unit of work fails: inside a request's
     * transaction (ADR 004) that would roll back the whole request, not just the failed command.
     */
    @Bean
    public org.axonframework.common.jdbc.ConnectionProvider connectionProvider(javax.sql.DataSource dataSource) {
        return new org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider(dataSource);
    }

    /**
     * Axon's units of work join a transaction already open on the thread as a nested one (a
     * savepoint), and start their own otherwise. An idempotent request runs in one transaction that
     * holds its key's record and the act's events (ADR 004); a conflict inside it rolls back to the
     * savepoint and is retried, without dooming the request's transaction.
     */
    @Bean
    public org.axonframework.common.transaction.TransactionManager axonTransactionManager(
            org.springframework.transaction.PlatformTransactionManager transactions) {
        return new NestingTransactionManager(transactions);
    }

    /**
     * Whether a failure is final. {@link LedgerCommands#isConflict} asks this of the failure AND of
     * each of its causes, and retries only when every answer is false. A sequence-number conflict is an Axon
     * {@code ConcurrencyException} (or {@code AggregateStreamCreationException} for a new aggregate)
     * caused by the driver's {@code SQLException}s, so neither may be final; anything else is (a
     * rule's refusal, a database that is down, ...).
     */
    static boolean isFinal(Throwable failure) {
        return !(failure instanceof ConcurrencyException || failure instanceof AggregateStreamCreationException
                || failure instanceof java.sql.SQLException);
    }

    /** Group commit of the acts (ADR 020); {@code ledger.group-commit.enabled=false} gives each act its own transaction. */
    @Bean(destroyMethod = "close")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "ledger.group-commit.enabled",
            havingValue = "true", matchIfMissing = true)
    public GroupCommit groupCommit(org.springframework.transaction.PlatformTransactionManager transactions,
                                   AggregateCaches caches, MeterRegistry meters,
                                   @org.springframework.beans.factory.annotation.Value("${ledger.group-commit.max-acts:32}") int maxActs,
                                   @org.springframework.beans.factory.annotation.Value("${ledger.group-commit.writers:1}") int writers) {
        return new GroupCommit(transactions, caches, maxActs, writers, meters);
    }

    @Bean
    public LedgerCommands ledgerCommands(CommandGateway gateway, EventScanner events, AggregateCaches caches,
                                         org.springframework.transaction.PlatformTransactionManager transactions,
                                         org.springframework.beans.factory.ObjectProvider<GroupCommit> group,
                                         CommandOutcomeInterceptor outcomes) {
        return new LedgerCommands(gateway, events, caches, transactions, group.getIfAvailable(), ONCE_CREATED_COMMANDS,
                outcomes);
    }
}
