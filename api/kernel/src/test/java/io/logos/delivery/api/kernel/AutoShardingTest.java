package io.logos.delivery.api.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The autosharding vectors of spec/core.md §4. */
class AutoShardingTest {

    private record Vector(String topic, int shards, int shard) {
    }

    private static int shard(String topic, int shards) {
        return new AutoSharding(1, shards).shardOf(ContentTopic.parse(topic)).shardId();
    }

    private static String appVersionDigest(String topic) {
        ContentTopic parsed = ContentTopic.parse(topic);
        MessageDigest sha = Vectors.sha256();
        sha.update(parsed.application().getBytes(StandardCharsets.UTF_8));
        return Vectors.HEX.formatHex(sha.digest(parsed.version().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void upstreamVectorsWithEightShards() {
        List<Vector> vectors = List.of(
                new Vector("/myapp/1/mytopic/cbor", 8, 0),
                new Vector("/toychat/2/huilong/proto", 8, 3),
                new Vector("/0/toychat/2/huilong/proto", 8, 3),
                new Vector("/toychat/2/huilong/proto2", 8, 3),
                new Vector("/toychat2/2/huilong/proto", 8, 6),
                new Vector("/0/toychat2/2/huilong/proto", 8, 6),
                new Vector("/0/toychat/4/huilong/proto2", 8, 7),
                new Vector("/myapp/1/latest/proto", 8, 0),
                new Vector("/waku/2/content/test.js", 8, 1),
                new Vector("/statusim/1/community/cbor", 8, 4),
                new Vector("/0/statusim/1/community/cbor", 8, 4),
                new Vector("/app/22/sometopic/someencoding", 8, 2),
                new Vector("/app/27/sometopic/someencoding", 8, 5),
                new Vector("/app/20/sometopic/someencoding", 8, 7),
                new Vector("/app/29/sometopic/someencoding", 8, 6),
                new Vector("/app/20/sometopic/someencoding", 16, 15),
                new Vector("/app/20/sometopic/someencoding", 2, 1),
                new Vector("/app/20/sometopic/someencoding", 1, 0));
        for (Vector v : vectors) {
            assertEquals(v.shard(), shard(v.topic(), v.shards()), v.toString());
        }
    }

    @Test
    void derivedNonPowerOfTwoVectorsUseTheLastEightBytes() {
        List<Vector> vectors = List.of(
                new Vector("/toychat/2/huilong/proto", 3, 1),
                new Vector("/toychat/2/huilong/proto", 5, 1),
                new Vector("/toychat/2/huilong/proto", 7, 3),
                new Vector("/toychat/2/huilong/proto", 10, 1),
                new Vector("/myapp/1/latest/proto", 5, 2),
                new Vector("/myapp/1/latest/proto", 7, 1),
                new Vector("/app/20/sometopic/someencoding", 3, 2),
                new Vector("/app/20/sometopic/someencoding", 5, 0),
                new Vector("/app/20/sometopic/someencoding", 100, 55));
        for (Vector v : vectors) {
            assertEquals(v.shard(), shard(v.topic(), v.shards()), v.toString());
        }
        // the whole-256-bit-hash reading of the spec text would give 0 here
        BigInteger whole = new BigInteger(1, Vectors.HEX.parseHex(appVersionDigest("/toychat/2/huilong/proto")));
        assertEquals(0, whole.mod(BigInteger.valueOf(3)).intValue());
    }

    @Test
    void digestsOfApplicationAndVersionMatchTheTable() {
        assertEquals("8e541178adbd8126068c47be6a221d77d64837221893a8e4e53139fb802d4928",
                appVersionDigest("/myapp/1/mytopic/cbor"));
        assertEquals("05f470e4bf9fcfe47831f2564603620481c756bd3fae5d4dcfbf980a0f51e3f3",
                appVersionDigest("/toychat/2/huilong/proto"));
        assertEquals("ff77042915abc602653c6e52bf638d30152480d2ed17d2786d96d3ee17dc5af6",
                appVersionDigest("/toychat2/2/huilong/proto"));
        assertEquals("177b5cfe10d0fbc7f4f9407a004ae68328805b18bc01f6817d43d55496da2b4f",
                appVersionDigest("/0/toychat/4/huilong/proto2"));
        assertEquals("dde25f0ea3331a51fd8a51cad40e07c03fa4a804f0e286d0c6960f2454de3b99",
                appVersionDigest("/waku/2/content/test.js"));
        assertEquals("fc5280357651a2e1112cf14ad77344287b95cbfa859b003ec00ced307fc41134",
                appVersionDigest("/statusim/1/community/cbor"));
        assertEquals("b3785696dc0ad926bde732c9e8b06bfd8fc80990f13664b4118012f79198cd72",
                appVersionDigest("/app/22/sometopic/someencoding"));
        assertEquals("7a53bf861548b29dfda4a7e1e2dfbdd5b431b0ed00335f3666d2319fb65b485d",
                appVersionDigest("/app/27/sometopic/someencoding"));
        assertEquals("1df07827d798ee834eb041020f21478c74a71f3ee3c1e9f0e8d7f7017c4eb1bf",
                appVersionDigest("/app/20/sometopic/someencoding"));
        assertEquals("9c14f64e50103c32f29a80519aa6ced5bfe6c3893e53ea7e2e7437059fdcb2d6",
                appVersionDigest("/app/29/sometopic/someencoding"));
    }

    @Test
    void generationAboveZeroIsRejected() {
        ContentTopic topic = ContentTopic.parse("/1/toychat/2/huilong/proto");
        for (int shards : new int[] {1, 8, 1024}) {
            InvalidTopicException e = assertThrows(InvalidTopicException.class,
                    () -> new AutoSharding(1, shards).shardOf(topic));
            assertTrue(e.getMessage().contains("generation > 0 is not supported"), e.getMessage());
            assertEquals("/1/toychat/2/huilong/proto", e.topic());
        }
    }

    @Test
    void pubsubTopicCarriesTheClusterId() {
        ContentTopic topic = ContentTopic.parse("/toychat/2/huilong/proto");
        assertEquals(PubsubTopic.of("/waku/2/rs/1/3"), new AutoSharding(1, 8).pubsubTopicOf(topic));
        assertEquals(new RelayShard(16, 0), new AutoSharding(16, 1).shardOf(topic));
        assertEquals(PubsubTopic.of("/waku/2/rs/65535/3"), new AutoSharding(65535, 8).pubsubTopicOf(topic));
    }

    @Test
    void constructorRanges() {
        assertThrows(IllegalArgumentException.class, () -> new AutoSharding(-1, 8));
        assertThrows(IllegalArgumentException.class, () -> new AutoSharding(65536, 8));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new AutoSharding(1, 0));
        assertTrue(zero.getMessage().contains("shard count 0"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AutoSharding(1, 65537));
        new AutoSharding(0, 1);
        new AutoSharding(65535, 65536);
    }

    @Test
    void propertyMatchesReferenceAndIgnoresNameAndEncoding() {
        long seed = 0x5eed_a5L;
        Random random = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            String app = randomPart(random);
            String version = randomPart(random);
            int shards = 1 + random.nextInt(random.nextBoolean() ? 16 : 65536);
            String context = "seed=" + seed + " case=" + i + " app=" + app + " version=" + version
                    + " shards=" + shards;

            MessageDigest sha = Vectors.sha256();
            sha.update(app.getBytes(StandardCharsets.UTF_8));
            byte[] digest = sha.digest(version.getBytes(StandardCharsets.UTF_8));
            BigInteger lastEight = new BigInteger(1, Arrays.copyOfRange(digest, 24, 32));
            int expected = lastEight.mod(BigInteger.valueOf(shards)).intValue();

            AutoSharding sharding = new AutoSharding(7, shards);
            RelayShard a = sharding.shardOf(ContentTopic.of(app, version, randomPart(random), randomPart(random)));
            RelayShard b = sharding.shardOf(
                    ContentTopic.parse("/0/" + app + "/" + version + "/" + randomPart(random) + "/" + randomPart(random)));
            assertEquals(new RelayShard(7, expected), a, context);
            assertEquals(a, b, context);
            if (Integer.bitCount(shards) == 1) {
                // for powers of two the spec's whole-hash reading agrees
                int whole = new BigInteger(1, digest).mod(BigInteger.valueOf(shards)).intValue();
                assertEquals(expected, whole, context);
            }
        }
    }

    static String randomPart(Random random) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_.";
        int length = 1 + random.nextInt(12);
        StringBuilder part = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            part.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return part.toString();
    }
}
