package io.logos.delivery.api.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pubsub topics and static relay shards, spec/core.md §3. */
class PubsubTopicTest {

    private static void assertShardRejected(String topic, String reason) {
        InvalidTopicException parse = assertThrows(InvalidTopicException.class, () -> RelayShard.parse(topic), topic);
        assertTrue(parse.getMessage().contains(reason), "'" + topic + "': expected '" + reason + "' in: "
                + parse.getMessage());
        assertEquals(topic, parse.topic());
        if (topic.startsWith(RelayShard.PREFIX)) {
            // a topic under /waku/2/rs/ must be a valid shard to be a pubsub topic at all
            InvalidTopicException of = assertThrows(InvalidTopicException.class, () -> PubsubTopic.of(topic), topic);
            assertEquals(parse.getMessage(), of.getMessage());
        }
    }

    @Test
    void defaultIsClusterZeroShardZero() {
        assertEquals("/waku/2/rs/0/0", PubsubTopic.DEFAULT.value());
        assertEquals(Optional.of(new RelayShard(0, 0)), PubsubTopic.DEFAULT.shard());
    }

    @Test
    void staticShardTopics() {
        assertEquals(new RelayShard(1, 0), RelayShard.parse("/waku/2/rs/1/0"));
        assertEquals(new RelayShard(16, 42), RelayShard.parse("/waku/2/rs/16/42"));
        assertEquals(new RelayShard(65535, 65535), RelayShard.parse("/waku/2/rs/65535/65535"));
        assertEquals(new RelayShard(1, 1023), RelayShard.parse("/waku/2/rs/1/1023"));
        assertEquals(Optional.of(new RelayShard(16, 42)), PubsubTopic.of("/waku/2/rs/16/42").shard());
    }

    @Test
    void legacyNamedTopicsHaveNoShard() {
        PubsubTopic legacy = PubsubTopic.of("/waku/2/default-waku/proto");
        assertEquals(Optional.empty(), legacy.shard());
        assertEquals("/waku/2/default-waku/proto", legacy.value());
        assertEquals(Optional.empty(), PubsubTopic.of("test").shard());
    }

    @Test
    void nwakuParseFailures() {
        assertShardRejected("/waku/2/rs//02", "missing cluster_id");
        assertShardRejected("/waku/2/rs/16/", "missing shard_number");
        assertShardRejected("/waku/2/rs/xx/77", "cluster_id 'xx' is not a decimal number");
        assertShardRejected("/waku/2/rs/16/x2", "shard_number 'x2' is not a decimal number");
        assertShardRejected("/waku/2/rs/-1/2", "not a decimal number");
        assertShardRejected("/waku/2/rs/+1/2", "not a decimal number");
        assertShardRejected("/waku/2/rs/1/2/3", "expected /waku/2/rs/<cluster_id>/<shard_number>");
        assertShardRejected("/waku/2/rs/1", "expected /waku/2/rs/<cluster_id>/<shard_number>");
        assertShardRejected("/waku/2/rs/", "expected /waku/2/rs/<cluster_id>/<shard_number>");
    }

    @Test
    void wrongPrefixIsNotAShardButIsANamedTopic() {
        // nwaku: InvalidFormat. We reject it as a shard; as a pubsub topic it is a (legacy-style) named topic.
        assertShardRejected("/waku/1/rs/16/42", "must start with /waku/2/rs/");
        assertShardRejected("/waku/2/default-waku/proto", "must start with /waku/2/rs/");
        PubsubTopic named = PubsubTopic.of("/waku/1/rs/16/42");
        assertEquals(Optional.empty(), named.shard());
        assertEquals("/waku/1/rs/16/42", named.value());
    }

    @Test
    void numbersOutOfRange() {
        assertShardRejected("/waku/2/rs/65536/0", "cluster_id 65536 is larger than 65535");
        assertShardRejected("/waku/2/rs/0/65536", "shard_number 65536 is larger than 65535");
        assertShardRejected("/waku/2/rs/99999999999/0", "cluster_id 99999999999 is larger than 65535");
        assertThrows(IllegalArgumentException.class, () -> new RelayShard(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RelayShard(65536, 0));
        assertThrows(IllegalArgumentException.class, () -> new RelayShard(0, -1));
        assertThrows(IllegalArgumentException.class, () -> new RelayShard(0, 65536));
    }

    @Test
    void emptyOrWhitespaceOrNullTopicsAreRejected() {
        InvalidTopicException empty = assertThrows(InvalidTopicException.class, () -> PubsubTopic.of(""));
        assertTrue(empty.getMessage().contains("may not be empty"), empty.getMessage());
        InvalidTopicException space = assertThrows(InvalidTopicException.class, () -> PubsubTopic.of("/waku/2/ x"));
        assertTrue(space.getMessage().contains("whitespace"), space.getMessage());
        assertThrows(NullPointerException.class, () -> PubsubTopic.of(null));
        assertThrows(NullPointerException.class, () -> RelayShard.parse(null));
    }

    @Test
    void leadingZerosParseButTheTopicKeepsItsText() {
        PubsubTopic padded = PubsubTopic.of("/waku/2/rs/01/02");
        assertEquals(Optional.of(new RelayShard(1, 2)), padded.shard());
        // the text is what is hashed and subscribed to, so it is kept as given
        assertEquals("/waku/2/rs/01/02", padded.value());
        assertNotEquals(PubsubTopic.of("/waku/2/rs/1/2"), padded);
    }

    @Test
    void equalityAndOrdering() {
        assertEquals(PubsubTopic.of("/waku/2/rs/1/2"), new RelayShard(1, 2).toPubsubTopic());
        assertEquals(PubsubTopic.of("/waku/2/rs/1/2").hashCode(), new RelayShard(1, 2).toPubsubTopic().hashCode());
        assertEquals("/waku/2/rs/1/2", PubsubTopic.of("/waku/2/rs/1/2").toString());
        List<RelayShard> shards = new ArrayList<>(List.of(new RelayShard(2, 0), new RelayShard(1, 7),
                new RelayShard(1, 10), new RelayShard(0, 65535)));
        Collections.sort(shards);
        assertEquals(List.of(new RelayShard(0, 65535), new RelayShard(1, 7), new RelayShard(1, 10),
                new RelayShard(2, 0)), shards);
    }

    @Test
    void propertyRoundTrip() {
        long seed = 0xC1A57E4L;
        Random random = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            RelayShard shard = new RelayShard(random.nextInt(65536), random.nextInt(random.nextBoolean() ? 1024 : 65536));
            String context = "seed=" + seed + " case=" + i + " shard=" + shard;
            String text = shard.toString();
            assertEquals("/waku/2/rs/" + shard.clusterId() + "/" + shard.shardId(), text, context);
            assertEquals(shard, RelayShard.parse(text), context);
            PubsubTopic topic = shard.toPubsubTopic();
            assertEquals(text, topic.value(), context);
            assertEquals(Optional.of(shard), topic.shard(), context);
            assertEquals(topic, PubsubTopic.of(text), context);
        }
    }
}
