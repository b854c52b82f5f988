package io.logos.delivery.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.api.kernel.node.PublishOutcome;
import io.logos.delivery.api.kernel.node.ReceivedMessage;
import io.logos.delivery.api.kernel.node.TopicHealth;
import io.logos.delivery.kernel.node.ShardingConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Java kernel node's relay against a js-waku 0.0.27 relay node: messages both ways, equal hashes. */
class JavaRelayNodeInteropTest {

    private static final String CONTENT_TOPIC = "/interop/1/relay/proto";
    private static final PubsubTopic SHARD = PubsubTopic.of("/waku/2/rs/1/0");

    private JavaNode java;
    private JsPeer js;
    private final List<ReceivedMessage> atJava = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        java = JavaNode.start(new ShardingConfig(1, List.of(0), 0), UnaryOperator.identity());
        java.node().relay().orElseThrow().addMessageListener(atJava::add);
        js = JsPeer.start(JsPeer.Stack.WAKU_RELAY, JsPeer.options().put("clusterId", 1)
                .set("shards", JsPeer.options().arrayNode().add(0)));
        js.call("subscribe", "subscribed", "contentTopic", CONTENT_TOPIC);
    }

    @AfterEach
    void stop() throws Exception {
        js.close();
        java.close();
    }

    private void awaitMeshBothWays() throws InterruptedException {
        JavaNode.waitUntil(() -> java.node().relay().orElseThrow().health(SHARD) != TopicHealth.UNHEALTHY,
                "the js node is in the Java node's mesh");
    }

    @Test
    void jsDialsJavaAndMessagesFlowBothWaysWithEqualHashes() throws Exception {
        assertEquals(java.node().peerId().value(), js.call("dial", "dialed", "addr", java.address())
                .get("remotePeer").asText());
        awaitMeshBothWays();

        JsonNode sent = js.call("send", "sent", "contentTopic", CONTENT_TOPIC, "payload", JsPeer.base64("from js"));
        assertEquals(List.of(java.node().peerId().value()), List.of(sent.get("successes").get(0).asText()), sent.toString());
        JavaNode.waitUntil(() -> !atJava.isEmpty(), "the Java node receives js's message");
        ReceivedMessage received = atJava.getFirst();
        assertEquals("from js", new String(received.message().payload(), StandardCharsets.UTF_8));
        assertEquals(SHARD, received.pubsubTopic());
        assertEquals(MessageHash.fromHex(sent.get("hash").asText()), received.hash());

        WakuMessage message = WakuMessage.builder().contentTopic(CONTENT_TOPIC)
                .payload("from java".getBytes(StandardCharsets.UTF_8)).build();
        PublishOutcome outcome = java.node().relay().orElseThrow().publish(SHARD, message)
                .get(JsPeer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(PublishOutcome.Status.PUBLISHED, outcome.status(), outcome.toString());
        JsonNode atJs = js.await("message", event -> JsPeer.text(event, "payload").equals("from java"));
        assertEquals(outcome.hash(), MessageHash.fromHex(atJs.get("hash").asText()));
        assertEquals(SHARD.value(), atJs.get("pubsubTopic").asText());
    }

    @Test
    void javaDialsJsAndJsReceives() throws Exception {
        java.node().peers().connect(js.address()).get(JsPeer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        awaitMeshBothWays();
        WakuMessage message = WakuMessage.builder().contentTopic(CONTENT_TOPIC)
                .payload("dialed by java".getBytes(StandardCharsets.UTF_8)).build();

        PublishOutcome outcome = java.node().relay().orElseThrow().publish(SHARD, message)
                .get(JsPeer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        assertEquals(1, outcome.peers());
        JsonNode atJs = js.await("message", event -> true);
        assertEquals("dialed by java", JsPeer.text(atJs, "payload"));
        assertEquals(outcome.hash(), MessageHash.fromHex(atJs.get("hash").asText()));
    }
}
