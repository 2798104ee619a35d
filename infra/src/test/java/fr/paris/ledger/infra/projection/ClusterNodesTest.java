package fr.paris.ledger.infra.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each node's share of a projection's segments: ceil(segments / live nodes), all of them when alone. */
class ClusterNodesTest {
    private final ClusterNodes nodes = new ClusterNodes(null);

    @Test
    void a_node_alone_claims_every_segment() {
        assertThat(nodes.maxSegments("budget")).isEqualTo(Short.MAX_VALUE);
        nodes.update(1, Map.of("budget", 2));
        assertThat(nodes.maxSegments("budget")).isEqualTo(Short.MAX_VALUE);
    }

    @Test
    void nodes_share_the_segments_rounding_up() {
        nodes.update(2, Map.of("budget", 2, "petitions", 3));
        assertThat(nodes.maxSegments("budget")).isEqualTo(1);
        assertThat(nodes.maxSegments("petitions")).isEqualTo(2);
        nodes.update(3, Map.of("budget", 2));
        assertThat(nodes.maxSegments("budget")).as("more nodes than segments: one each, some get none").isEqualTo(1);
    }

    @Test
    void a_processor_without_tokens_yet_is_not_capped_and_a_lost_node_frees_the_share() {
        nodes.update(2, Map.of());
        assertThat(nodes.maxSegments("councils")).isEqualTo(Short.MAX_VALUE);
        nodes.update(2, Map.of("councils", 2));
        assertThat(nodes.maxSegments("councils")).isEqualTo(1);
        nodes.update(0, Map.of("councils", 2));
        assertThat(nodes.maxSegments("councils")).isEqualTo(Short.MAX_VALUE);
    }
}
