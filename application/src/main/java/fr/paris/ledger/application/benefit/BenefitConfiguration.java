package fr.paris.ledger.application.benefit;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Card benefits wiring: where a reservation checks the holder's card, and the holders' reservation index. */
@Configuration(proxyBeanMethods = false)
public class BenefitConfiguration {

    @Bean
    public EventStoreCardDirectory cardDirectory(EventStore eventStore) {
        return new EventStoreCardDirectory(eventStore);
    }

    @Bean
    public ReservationIndex reservationIndex(JdbcTemplate jdbc) {
        return new ReservationIndex(jdbc);
    }
}
