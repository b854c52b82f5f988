package io.logos.delivery.app.rest;

import static io.logos.delivery.app.rest.RestClient.encode;
import static io.logos.delivery.app.rest.ServiceAndClient.SHARD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * At DEBUG the kernel names a message by its hash on every path it takes: here relay (published, received) and
 * light push (pushed by the client, served by the service), read from the log of two real nodes.
 */
class MessageHashLogTest {

    private static final String CONTENT_TOPIC = "/log-test/1/chat/proto";
    private static final long TIMESTAMP = System.currentTimeMillis() * 1_000_000L;
    private static final List<String> KERNEL_LOGGERS = List.of("io.logos.delivery.kernel.relay",
            "io.logos.delivery.kernel.lightpush");

    @TempDir
    Path root;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private ServiceAndClient pair;

    @BeforeEach
    void captureAndStart() throws InterruptedException {
        logged.start();
        for (String name : KERNEL_LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.setLevel(Level.DEBUG);
            logger.addAppender(logged);
        }
        pair = new ServiceAndClient(root);
    }

    @AfterEach
    void stopAndRelease() {
        pair.close();
        for (String name : KERNEL_LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.detachAppender(logged);
            logger.setLevel(null);
        }
    }

    private static MessageHash hashOf(String payload) {
        return MessageHash.compute(PubsubTopic.of(SHARD), WakuMessage.builder()
                .payload(payload.getBytes(StandardCharsets.UTF_8)).contentTopic(CONTENT_TOPIC).timestamp(TIMESTAMP)
                .build());
    }

    private static String json(String payload) {
        return "{\"payload\": \"" + java.util.Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "\", \"contentTopic\": \"" + CONTENT_TOPIC + "\", \"timestamp\": " + TIMESTAMP + "}";
    }

    /** Waits for a line of {@code logger} that starts with {@code start} and names {@code hash}. */
    private void awaitLine(String logger, String start, MessageHash hash) throws InterruptedException {
        RestNodes.await(logger + ": " + start + " " + hash, () -> List.copyOf(logged.list).stream().anyMatch(event ->
                event.getLoggerName().equals(logger) && event.getFormattedMessage().startsWith(start)
                        && event.getFormattedMessage().contains(hash.toString())));
    }

    @Test
    void relayLogsTheHashWhenPublishingAndWhenReceiving() throws InterruptedException {
        assertEquals(200, RestNodes.client(pair.client).post("/relay/v1/messages/" + encode(SHARD),
                json("relayed")).status());

        MessageHash hash = hashOf("relayed");
        awaitLine("io.logos.delivery.kernel.relay.WakuRelay", "Published " + hash, hash);
        awaitLine("io.logos.delivery.kernel.relay.WakuRelay", "Relay received " + hash, hash);
    }

    @Test
    void lightPushLogsTheHashOnTheClientAndOnTheService() throws InterruptedException {
        assertEquals(200, RestNodes.client(pair.client).post("/lightpush/v3/message",
                "{\"message\": " + json("pushed") + "}").status());

        MessageHash hash = hashOf("pushed");
        awaitLine("io.logos.delivery.kernel.lightpush.MessagePusher", "Light push of " + hash, hash);
        awaitLine("io.logos.delivery.kernel.lightpush.DefaultLightpushClient", "Light push of " + hash, hash);
    }
}
