package fr.paris.ledger.infra.projection;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The nodes sharing the ledger's database, and the share of each projection's segments a node
 * may claim.
 *
 * <p>Every node names its database sessions {@code ledger:<node>} (PostgreSQL's
 * {@code application_name}), where the node is Axon's token owner ({@code pid@host}). The live
 * nodes are the distinct such names among the sessions of the database; a node that dies loses
 * its sessions, so it drops out at once. Each node then claims at most
 * {@code ceil(segments / live nodes)} segments of a processor, and Axon's pooled processor releases
 * any surplus: with two nodes and two segments each node runs one, and when one node dies the
 * other claims its segment once the claim has timed out
 * ({@code axon.eventhandling.tokenstore.claim-timeout}).
 */
public class ClusterNodes {
    public static final String SESSION_PREFIX = "ledger:";
    private static final Logger log = LoggerFactory.getLogger(ClusterNodes.class);

    private final JdbcTemplate jdbc;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    private volatile int liveNodes = 1;
    private volatile Map<String, Integer> segments = Map.of();

    public ClusterNodes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** This node's name: the owner Axon writes in {@code token_entry}. */
    public String node() {
        return node;
    }

    /** The session name of a node, at most 63 characters (PostgreSQL's limit). */
    public static String sessionName(String node) {
        String name = SESSION_PREFIX + node;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    public int liveNodes() {
        return liveNodes;
    }

    /** How many segments of a processor this node may claim; Axon calls it in every coordination round. */
    public int maxSegments(String processor) {
        int nodes = liveNodes;
        Integer total = segments.get(processor);
        if (nodes <= 1 || total == null || total == 0) {
            return Short.MAX_VALUE;
        }
        return (total + nodes - 1) / nodes;
    }

    /** Takes a new view: how many nodes are live, and how many segments each processor has. */
    void update(int nodes, Map<String, Integer> segmentsPerProcessor) {
        liveNodes = Math.max(1, nodes);
        segments = Map.copyOf(segmentsPerProcessor);
    }

    /** Re-reads the live nodes and the segment counts; keeps the last view when the database cannot be read. */
    @Scheduled(fixedDelayString = "${ledger.projections.balance-every:PT1S}")
    public void refresh() {
        try {
            Integer nodes = jdbc.queryForObject("""
                    SELECT count(DISTINCT application_name) FROM pg_stat_activity
                    WHERE datname = current_database() AND application_name LIKE ?""", Integer.class, SESSION_PREFIX + "%");
            Map<String, Integer> counts = new HashMap<>();
            jdbc.query("SELECT processor_name, count(*) FROM token_entry GROUP BY processor_name",
                    rs -> {
                        counts.put(rs.getString(1), rs.getInt(2));
                    });
            int before = liveNodes;
            update(nodes == null ? 1 : nodes, counts);
            if (before != liveNodes) {
                log.info("{} node(s) share the ledger's database; this node ({}) claims up to ceil(segments / {}) segments "
                        + "of each projection", liveNodes, node, liveNodes);
            }
        } catch (RuntimeException e) {
            log.debug("Could not read the live nodes: {}", e.toString());
        }
    }
}
