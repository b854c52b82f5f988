package io.logos.delivery.kernel.store;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Messages for the archive: two shards, two content topics, pairs of equal timestamps (ties broken by hash). */
final class ArchiveFixture {

    static final PubsubTopic SHARD_0 = PubsubTopic.of("/waku/2/rs/1/0");
    static final PubsubTopic SHARD_1 = PubsubTopic.of("/waku/2/rs/1/1");
    static final String TOPIC_A = "/app/1/a/proto";
    static final String TOPIC_B = "/app/1/b/proto";
    /** Order of the archive: timestamp, then hash. */
    static final Comparator<ArchivedMessage> ORDER = Comparator.comparingLong(ArchivedMessage::timestamp)
            .thenComparing(ArchivedMessage::hash);

    private ArchiveFixture() {
    }

    /**
     * {@code count} messages on {@code shard} with {@code topic}, timestamps {@code start}, {@code start},
     * {@code start + 1000}, {@code start + 1000}, … (two per timestamp), in archive order.
     */
    static List<ArchivedMessage> messages(PubsubTopic shard, String topic, int count, long start) {
        List<ArchivedMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            WakuMessage message = WakuMessage.builder().contentTopic(topic)
                    .payload((topic + " #" + i).getBytes(StandardCharsets.UTF_8))
                    .timestamp(start + (i / 2) * 1000L).build();
            messages.add(ArchivedMessage.of(shard, message));
        }
        messages.sort(ORDER);
        return List.copyOf(messages);
    }

    static void store(ArchiveDriver archive, List<ArchivedMessage> messages) {
        messages.forEach(archive::put);
    }
}
