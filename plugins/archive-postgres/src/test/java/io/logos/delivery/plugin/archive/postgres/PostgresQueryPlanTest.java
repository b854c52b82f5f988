package io.logos.delivery.plugin.archive.postgres;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.plugin.archive.postgres.testing.PostgresServerExtension;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store's common queries take the plans that keep them fast at a million messages, also on partitions that
 * have no statistics yet (the current hour's always is such a one): measured with {@code bench/ArchiveBench}.
 */
class PostgresQueryPlanTest {

    @RegisterExtension
    static final PostgresServerExtension POSTGRES = new PostgresServerExtension();

    private static final PubsubTopic SHARD = PubsubTopic.of("/waku/2/rs/1/0");
    private static final List<String> TOPICS = List.of("/app/1/a/proto", "/app/1/b/proto", "/app/1/c/proto",
            "/app/1/d/proto");
    private static final long T0 = 1_767_225_600_000_000_000L;
    private static final long HOURS = 3;
    private static final int PER_HOUR = 5_000;
    private static final long SPACING = 3_600_000_000_000L / PER_HOUR;

    private static String schema;
    private static final List<MessageHash> STORED = new ArrayList<>();

    @BeforeAll
    static void storeThreeFullHours() throws SQLException {
        String url = POSTGRES.freshSchemaUrl();
        schema = PostgresServerExtension.schemaOf(url);
        try (ArchiveDriver driver = new PostgresArchiveDriverFactory().create(new ArchiveDriverConfig(url, 1))) {
            for (int i = 0; i < HOURS * PER_HOUR; i++) {
                WakuMessage message = WakuMessage.builder().contentTopic(TOPICS.get(i % TOPICS.size()))
                        .timestamp(T0 + i * SPACING).payload(new byte[100]).build();
                ArchivedMessage stored = ArchivedMessage.of(SHARD, message);
                driver.put(stored);
                STORED.add(stored.hash());
            }
        }
    }

    private static String plan(ArchiveQuery query) throws SQLException {
        FindStatement find = FindStatement.of(query, Optional.empty());
        List<String> lines = new ArrayList<>();
        try (Connection connection = POSTGRES.connect(); Statement settings = connection.createStatement()) {
            settings.execute("SET search_path TO " + schema);
            // what a statement prepared by the JDBC driver ends up with after a few executions
            settings.execute("SET plan_cache_mode = force_generic_plan");
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (COSTS OFF) " + find.sql())) {
                find.bind(explain);
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                }
            }
        }
        return String.join("\n", lines);
    }

    @Test
    void hashesAreLookedUpThroughThePrimaryKeyOfEachPartition() throws SQLException {
        Set<MessageHash> hashes = new HashSet<>();
        for (int i = 0; hashes.size() < 20; i += 701) {
            hashes.add(STORED.get(i % STORED.size()));
        }
        String plan = plan(ArchiveQuery.builder().hashes(hashes).build());
        // not a walk along the time index in archive order that filters for the hashes: it reads whole partitions
        assertFalse(plan.contains("timestamp_message_hash_idx"), plan);
    }

    @Test
    void oneContentTopicIsReadInOrderFromItsIndex() throws SQLException {
        String plan = plan(ArchiveQuery.builder().pubsubTopic(SHARD).contentTopics(Set.of(TOPICS.getFirst()))
                .timeStart(T0).timeEnd(T0 + HOURS * 3_600_000_000_000L).build());
        // in order: no Sort of every matching row before the limit (an Incremental Sort of equal timestamps is fine)
        assertFalse(plan.lines().map(String::strip).anyMatch(step -> step.equals("Sort") || step.equals("->  Sort")),
                plan);
        assertTrue(plan.contains("Index Scan using") && plan.contains("content_topic_timestamp_idx"), plan);
    }
}
