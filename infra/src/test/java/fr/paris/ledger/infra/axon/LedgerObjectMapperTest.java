package fr.paris.ledger.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.paris.ledger.budget.BallotCast;
import fr.paris.ledger.budget.BallotNumber;
import fr.paris.ledger.budget.CampaignYear;
import fr.paris.ledger.budget.PaperBallotEntered;
import fr.paris.ledger.budget.ProjectId;
import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Typed values keep the stored form of events: a campaign year ({@link CampaignYear}) is written as a plain JSON
 * number, a ballot number ({@link BallotNumber}) as a plain JSON string, exactly as when they were an int and a
 * String; and both read back.
 */
class LedgerObjectMapperTest {
    private static final ObjectMapper MAPPER = LedgerObjectMapper.create();
    private static final ProjectId PA = new ProjectId("bp2026-0123456789");
    private static final Instant AT = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void a_ballot_cast_keeps_its_year_a_number() throws JsonProcessingException {
        BallotCast cast = new BallotCast(new CampaignYear(2026), new ParticipantId("r-42"), List.of(PA), 11, List.of(), AT);
        String json = MAPPER.writeValueAsString(cast);
        assertThat(json).isEqualTo("{\"arrondissement\":11,\"arrondissementProjects\":[],\"castAt\":\"2026-05-01T10:00:00Z\","
                + "\"grades\":null,\"parisWide\":[\"bp2026-0123456789\"],\"voter\":\"r-42\",\"year\":2026}");
        assertThat(MAPPER.readValue(json, BallotCast.class)).isEqualTo(cast);
    }

    @Test
    void a_paper_ballot_keeps_its_year_a_number_and_its_ballot_number_a_string() throws JsonProcessingException {
        TreeMap<String, Integer> grades = new TreeMap<>();
        grades.put(PA.value(), 3);
        PaperBallotEntered entered = new PaperBallotEntered(new CampaignYear(2026), "b-1", new BallotNumber("P-0042"),
                new ParticipantId("r-42"), List.of(), 11, List.of(), grades, new ParticipantId("s-7"), AT);
        String json = MAPPER.writeValueAsString(entered);
        assertThat(json).isEqualTo("{\"arrondissement\":11,\"arrondissementProjects\":[],\"ballotNumber\":\"P-0042\","
                + "\"batchId\":\"b-1\",\"enteredAt\":\"2026-05-01T10:00:00Z\",\"enteredBy\":\"s-7\","
                + "\"grades\":{\"bp2026-0123456789\":3},\"parisWide\":[],\"voter\":\"r-42\",\"year\":2026}");
        assertThat(MAPPER.readValue(json, PaperBallotEntered.class)).isEqualTo(entered);
    }

    @Test
    void a_typed_year_or_number_out_of_form_is_refused_on_reading() {
        assertThatThrownBy(() -> MAPPER.readValue("{\"year\":1999,\"voter\":\"r-1\",\"castAt\":\"2026-05-01T10:00:00Z\"}",
                BallotCast.class)).hasMessageContaining("campaign year");
        assertThatThrownBy(() -> MAPPER.readValue("{\"year\":\"2026\",\"voter\":\"r-1\",\"castAt\":\"2026-05-01T10:00:00Z\"}",
                BallotCast.class)).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> MAPPER.readValue("{\"year\":2026,\"batchId\":\"b-1\",\"ballotNumber\":\"no way\"}",
                PaperBallotEntered.class)).hasMessageContaining("ballot number");
    }
}
