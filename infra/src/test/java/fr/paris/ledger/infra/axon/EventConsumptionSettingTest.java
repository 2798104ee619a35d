package fr.paris.ledger.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The event store's shared consumption cache is off unless configured on (see EventConsumptionSetting). */
class EventConsumptionSettingTest {
    private final String before = System.getProperty(EventConsumptionSetting.AXON_PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(EventConsumptionSetting.AXON_PROPERTY);
        } else {
            System.setProperty(EventConsumptionSetting.AXON_PROPERTY, before);
        }
    }

    private static boolean optimized(EmbeddedEventStore store) throws Exception {
        Field f = EmbeddedEventStore.class.getDeclaredField("optimizeEventConsumption");
        f.setAccessible(true);
        return f.getBoolean(store);
    }

    private static EmbeddedEventStore store() {
        return EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    }

    @Test
    void by_default_each_processor_reads_its_own_stream() throws Exception {
        System.clearProperty(EventConsumptionSetting.AXON_PROPERTY);
        new EventConsumptionSetting().postProcessEnvironment(new StandardEnvironment(), new SpringApplication());
        EmbeddedEventStore store = store();
        try {
            assertThat(optimized(store)).isFalse();
        } finally {
            store.shutDown();
        }
    }

    @Test
    void the_setting_or_an_explicit_system_property_wins() throws Exception {
        System.clearProperty(EventConsumptionSetting.AXON_PROPERTY);
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of("ledger.event-store.optimize-event-consumption", "true")));
        new EventConsumptionSetting().postProcessEnvironment(env, new SpringApplication());
        assertThat(System.getProperty(EventConsumptionSetting.AXON_PROPERTY)).isEqualTo("true");

        System.setProperty(EventConsumptionSetting.AXON_PROPERTY, "false");
        new EventConsumptionSetting().postProcessEnvironment(env, new SpringApplication());
        assertThat(System.getProperty(EventConsumptionSetting.AXON_PROPERTY)).as("given on the command line").isEqualTo("false");
    }
}
