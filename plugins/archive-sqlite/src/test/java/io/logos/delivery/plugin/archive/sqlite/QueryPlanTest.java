package io.logos.delivery.plugin.archive.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PagingDirection;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.plugin.archive.sqlite.PageQuery.Position;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's common queries use the indexes of ADR 0012 on a fresh file, where the planner has no
 * statistics yet (measured at 1M rows: each such page takes about a millisecond).
 */
class QueryPlanTest {

    private static final PubsubTopic SHARD = PubsubTopic.of("/waku/2/rs/1/0");
    private static final long T0 = 1_767_225_600_000_000_000L;
    private static final long HOUR = 3_600_000_000_000L;
    private static final MessageHash CURSOR = MessageHash.fromHex("ab".repeat(MessageHash.SIZE));

    @TempDir
    Path folder;

    private String plan(ArchiveQuery query) throws SQLException {
        Path file = folder.resolve("plan.sqlite3");
        SqliteArchiveDriver.open(file, 1).close();
        PageQuery page = PageQuery.of(query, query.cursor().map(hash -> new Position(T0, hash)));
        List<String> steps = new ArrayList<>();
        try (Connection connection = ArchiveFile.openReader(file);
             PreparedStatement explain = connection.prepareStatement("EXPLAIN QUERY PLAN " + page.sql())) {
            page.bind(explain);
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    steps.add(rows.getString("detail"));
                }
            }
        }
        return String.join(" | ", steps);
    }

    @Test
    void aContentTopicAndTimeRangeSeekTheContentTopicIndexInArchiveOrder() throws SQLException {
        ArchiveQuery query = ArchiveQuery.builder().pubsubTopic(SHARD).contentTopics(Set.of("/app/1/chat/proto"))
                .timeStart(T0).timeEnd(T0 + HOUR).direction(PagingDirection.BACKWARD).build();
        assertEquals("SEARCH Message USING INDEX i_content_ts (contentTopic=? AND timestamp>? AND timestamp<?)",
                plan(query));
    }

    @Test
    void aContentTopicWithACursorSeeksPastTheCursor() throws SQLException {
        ArchiveQuery query = ArchiveQuery.builder().contentTopics(Set.of("/app/1/chat/proto")).cursor(CURSOR).build();
        assertEquals("SEARCH Message USING INDEX i_content_ts (contentTopic=? AND (timestamp,messageHash)>(?,?))",
                plan(query));
    }

    @Test
    void severalContentTopicsMergeOnePageFromEach() throws SQLException {
        ArchiveQuery query = ArchiveQuery.builder().contentTopics(Set.of("/app/1/a/proto", "/app/1/b/proto"))
                .timeStart(T0).build();
        assertEquals("SEARCH Message USING INDEX i_content_ts (contentTopic=? AND timestamp>?)"
                + " | USE TEMP B-TREE FOR ORDER BY", plan(query));
    }

    @Test
    void hashesAreLookedUpInTheHashIndexWhateverElseIsGiven() throws SQLException {
        Set<MessageHash> hashes = Set.copyOf(IntStream.range(0, 20)
                .mapToObj(i -> MessageHash.fromHex(HexFormat.of().toHexDigits((byte) i).repeat(MessageHash.SIZE)))
                .toList());
        String byHash = "SEARCH Message USING INDEX i_hash (messageHash=?) | USE TEMP B-TREE FOR ORDER BY";
        assertEquals(byHash, plan(ArchiveQuery.builder().hashes(hashes).build()));
        assertEquals(byHash, plan(ArchiveQuery.builder().hashes(hashes).pubsubTopic(SHARD)
                .contentTopics(Set.of("/app/1/chat/proto")).timeStart(T0).timeEnd(T0 + HOUR).cursor(CURSOR).build()));
    }

    @Test
    void noFilterOrOnlyACursorWalksTheTimestampIndex() throws SQLException {
        assertEquals("SCAN Message USING INDEX i_ts", plan(ArchiveQuery.builder().pubsubTopic(SHARD).build()));
        assertEquals("SEARCH Message USING INDEX i_ts ((timestamp,messageHash)<(?,?))",
                plan(ArchiveQuery.builder().cursor(CURSOR).direction(PagingDirection.BACKWARD).build()));
    }
}
