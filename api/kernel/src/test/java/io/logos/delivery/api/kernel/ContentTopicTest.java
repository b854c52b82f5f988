package io.logos.delivery.api.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Content topic parsing, spec/core.md §2 (nwaku rules, js-waku test cases). */
class ContentTopicTest {

    private static void assertRejected(String topic, String reason) {
        InvalidTopicException e = assertThrows(InvalidTopicException.class, () -> ContentTopic.parse(topic),
                "'" + topic + "' should be rejected");
        assertTrue(e.getMessage().contains(reason), "'" + topic + "': expected '" + reason + "' in: " + e.getMessage());
        assertEquals(topic, e.topic());
    }

    @Test
    void shortForm() {
        ContentTopic topic = ContentTopic.parse("/toychat/2/huilong/proto");
        assertEquals(OptionalInt.empty(), topic.generation());
        assertEquals("toychat", topic.application());
        assertEquals("2", topic.version());
        assertEquals("huilong", topic.name());
        assertEquals("proto", topic.encoding());
        assertEquals("/toychat/2/huilong/proto", topic.value());
        assertEquals("/toychat/2/huilong/proto", topic.toString());
    }

    @Test
    void longForm() {
        ContentTopic topic = ContentTopic.parse("/0/toychat/2/huilong/proto");
        assertEquals(OptionalInt.of(0), topic.generation());
        assertEquals("toychat", topic.application());
        assertEquals("2", topic.version());
        assertEquals("huilong", topic.name());
        assertEquals("proto", topic.encoding());
        assertEquals("/0/toychat/2/huilong/proto", topic.value());
        assertEquals(OptionalInt.of(1), ContentTopic.parse("/1/toychat/2/huilong/proto").generation());
    }

    @Test
    void defaultContentTopic() {
        assertEquals("/waku/2/default-content/proto", ContentTopic.DEFAULT.value());
        assertEquals("waku", ContentTopic.DEFAULT.application());
        assertEquals("default-content", ContentTopic.DEFAULT.name());
    }

    @Test
    void jsWakuValidTopics() {
        for (String topic : new String[] {"/0/myapp/1/mytopic/cbor", "/myapp/1/mytopic/cbor", "/myapp/v1.1/mytopic/cbor"}) {
            assertEquals(topic, ContentTopic.parse(topic).value());
        }
        assertEquals("v1.1", ContentTopic.parse("/myapp/v1.1/mytopic/cbor").version());
    }

    @Test
    void mustStartWithSlash() {
        for (String topic : new String[] {"", " ", "myContentTopic", "myapp1mytopiccbor/", " /myapp/1/mytopic",
                "toychat/2/huilong/proto"}) {
            assertRejected(topic, "must start with '/'");
        }
    }

    @Test
    void wrongNumberOfParts() {
        String structure = "expected /<application>/<version>/<topic-name>/<encoding> or "
                + "/<generation>/<application>/<version>/<topic-name>/<encoding>";
        for (String topic : new String[] {"/myapp/1/mytopic", "/0/myapp/1/mytopic/cbor/extra", "/", "/a", "/a/b",
                "/toychat/2/huilong"}) {
            assertRejected(topic, structure);
        }
    }

    @Test
    void generationMustBeNumeric() {
        // nwaku: five parts whose first is not a number
        assertRejected("/toychat/2/huilong/proto/33", "generation should be a numeric value");
        // js-waku "invalid generation" cases
        assertRejected("/a/myapp/1/mytopic/cbor", "generation should be a numeric value");
        assertRejected("/_/myapp/1/mytopic/cbor", "generation should be a numeric value");
        assertRejected("/$/myapp/1/mytopic/cbor", "generation should be a numeric value");
        assertRejected("/-1/myapp/1/mytopic/cbor", "generation should be a numeric value");
        assertRejected("/+1/myapp/1/mytopic/cbor", "generation should be a numeric value");
        assertRejected("/ /myapp/1/mytopic/cbor", "generation");
    }

    @Test
    void emptyPartsAreNamed() {
        // js-waku cases
        assertRejected("/0//1/mytopic/cbor", "missing application");
        assertRejected("/0/myapp//mytopic/cbor", "missing version");
        assertRejected("/0/myapp/1//cbor", "missing topic-name");
        assertRejected("/0/myapp/1/mytopic/", "missing encoding");
        // nwaku MissingPart
        assertRejected("//toychat/2/huilong/proto", "missing generation");
        assertRejected("//2/huilong/proto", "missing application");
        assertRejected("/toychat//huilong/proto", "missing version");
        assertRejected("/toychat/2//proto", "missing topic-name");
        assertRejected("/toychat/2/huilong/", "missing encoding");
    }

    @Test
    void whitespaceInAPartIsRejected() {
        assertRejected("/my app/1/mytopic/cbor", "application 'my app' contains whitespace");
        assertRejected("/myapp/1/my\ttopic/cbor", "contains whitespace");
    }

    @Test
    void nullIsRejected() {
        assertThrows(NullPointerException.class, () -> ContentTopic.parse(null));
    }

    @Test
    void ofBuildsTheShortForm() {
        ContentTopic topic = ContentTopic.of("myapp", "1", "mytopic", "cbor");
        assertEquals(ContentTopic.parse("/myapp/1/mytopic/cbor"), topic);
        assertThrows(InvalidTopicException.class, () -> ContentTopic.of("myapp", "", "mytopic", "cbor"));
        assertThrows(InvalidTopicException.class, () -> ContentTopic.of("my/app", "1", "mytopic", "cbor"));
    }

    @Test
    void equalityIsByValue() {
        assertEquals(ContentTopic.parse("/myapp/1/mytopic/cbor"), ContentTopic.parse("/myapp/1/mytopic/cbor"));
        assertEquals(ContentTopic.parse("/myapp/1/mytopic/cbor").hashCode(),
                ContentTopic.parse("/myapp/1/mytopic/cbor").hashCode());
        // the long form with generation 0 is a different string on the wire and in hashes
        assertNotEquals(ContentTopic.parse("/myapp/1/mytopic/cbor"), ContentTopic.parse("/0/myapp/1/mytopic/cbor"));
    }

    @Test
    void propertyRoundTrip() {
        long seed = 20240501L;
        Random random = new Random(seed);
        for (int i = 0; i < 1000; i++) {
            String app = AutoShardingTest.randomPart(random);
            String version = AutoShardingTest.randomPart(random);
            String name = AutoShardingTest.randomPart(random);
            String encoding = AutoShardingTest.randomPart(random);
            boolean longForm = random.nextBoolean();
            int generation = random.nextInt(3);
            String text = (longForm ? "/" + generation : "") + "/" + app + "/" + version + "/" + name + "/" + encoding;
            String context = "seed=" + seed + " case=" + i + " topic=" + text;
            ContentTopic topic = ContentTopic.parse(text);
            assertEquals(text, topic.value(), context);
            assertEquals(longForm ? OptionalInt.of(generation) : OptionalInt.empty(), topic.generation(), context);
            assertEquals(app, topic.application(), context);
            assertEquals(version, topic.version(), context);
            assertEquals(name, topic.name(), context);
            assertEquals(encoding, topic.encoding(), context);
            assertEquals(topic, ContentTopic.parse(topic.toString()), context);
        }
    }
}
