package io.logos.delivery.libp2p.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The presets carry the values relay.md lists for nwaku, and inconsistent parameters are refused. */
class ConfigurationTest {

    @Test
    void theWakuRelayPresetMatchesNwaku() {
        GossipSubConfig waku = GossipSubConfig.wakuRelay();
        GossipParams gossip = waku.gossip();

        assertEquals(List.of("/vac/waku/relay/2.0.0"), waku.protocolIds());
        assertEquals(List.of(6, 4, 8, 6, 6, 3),
                List.of(gossip.d(), gossip.dLow(), gossip.dHigh(), gossip.dLazy(), gossip.dScore(), gossip.dOut()));
        assertEquals(Duration.ofSeconds(1), gossip.heartbeatInterval());
        assertEquals(6, gossip.historyLength());
        assertEquals(3, gossip.historyGossip());
        assertEquals(Duration.ofSeconds(60), gossip.fanoutTtl());
        assertEquals(Duration.ofMinutes(2), gossip.seenTtl());
        assertEquals(Duration.ofMinutes(1), gossip.pruneBackoff());
        assertEquals(Duration.ofSeconds(5), gossip.unsubscribeBackoff());
        assertTrue(gossip.floodPublish());
        assertEquals(0.25, gossip.gossipFactor());
        assertEquals(153_600, gossip.maxMessageSize());
        assertTrue(gossip.disconnectBadPeers());

        PeerScoreThresholds thresholds = waku.thresholds();
        assertEquals(List.of(-100.0, -1000.0, -10000.0),
                List.of(thresholds.gossipThreshold(), thresholds.publishThreshold(), thresholds.graylistThreshold()));

        PeerScoreParams score = waku.score();
        assertEquals(Duration.ofSeconds(12), score.decayInterval());
        assertEquals(0.01, score.decayToZero());
        assertEquals(Duration.ofMinutes(10), score.retainScore());
        assertEquals(0.0, score.appSpecificWeight());
        assertEquals(-50.0, score.ipColocationFactorWeight());
        assertEquals(5, score.ipColocationFactorThreshold());
        assertEquals(-10.0, score.behaviourPenaltyWeight());
        assertEquals(0.986, score.behaviourPenaltyDecay());

        TopicScoreParams topic = score.topicParams("/waku/2/rs/1/0").orElseThrow();
        assertEquals(List.of(1.0, 0.01, 10.0, 1.0, 0.5, 10.0, 0.0, -100.0, 0.5),
                List.of(topic.topicWeight(), topic.timeInMeshWeight(), topic.timeInMeshCap(),
                        topic.firstMessageDeliveriesWeight(), topic.firstMessageDeliveriesDecay(),
                        topic.firstMessageDeliveriesCap(), topic.meshMessageDeliveriesWeight(),
                        topic.invalidMessageDeliveriesWeight(), topic.invalidMessageDeliveriesDecay()));
        assertEquals(Duration.ofSeconds(1), topic.timeInMeshQuantum());
    }

    @Test
    void theDefaultsFollowTheSpecs() {
        GossipParams gossip = GossipParams.defaults();

        assertEquals(List.of(6, 4, 12, 6, 4, 2),
                List.of(gossip.d(), gossip.dLow(), gossip.dHigh(), gossip.dLazy(), gossip.dScore(), gossip.dOut()));
        assertEquals(5, gossip.historyLength());
        assertEquals(Duration.ofSeconds(10), gossip.unsubscribeBackoff());
        assertEquals(1 << 20, gossip.maxMessageSize());
        assertEquals(List.of("/meshsub/1.2.0", "/meshsub/1.1.0", "/meshsub/1.0.0"),
                GossipSubConfig.defaults().protocolIds());
    }

    @Test
    void inconsistentParametersAreRefused() {
        GossipParams.Builder valid = GossipParams.defaults().toBuilder();

        assertThrows(IllegalArgumentException.class, () -> valid.degrees(6, 7, 8).build());
        assertThrows(IllegalArgumentException.class, () -> GossipParams.defaults().toBuilder().dOut(4).build());
        assertThrows(IllegalArgumentException.class, () -> valid.historyGossip(6).build());
        assertThrows(IllegalArgumentException.class, () -> GossipParams.defaults().toBuilder().gossipFactor(2).build());
        assertThrows(IllegalArgumentException.class, () -> new PeerScoreThresholds(-100, -50, -1000, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new PeerScoreThresholds(-100, -1000, -10000, -1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> PeerScoreParams.defaults().toBuilder().behaviourPenalty(1, 0, 0.9).build());
        assertThrows(IllegalArgumentException.class,
                () -> new TopicScoreParams.Builder().invalidMessageDeliveries(100, 0.5).build());
        // a bootstrapper runs without a mesh (gossipsub v1.1 "Recommendations for Network Operators")
        GossipParams.defaults().toBuilder().degrees(0, 0, 0).dScore(0).dOut(0).dLazy(0).build();
    }

    @Test
    void theMessageIdIsTheSha256OfTheData() {
        MessageId id = MessageIdFunction.sha256OfData()
                .messageId("/any/topic", ByteBuffer.wrap("abc".getBytes(StandardCharsets.UTF_8)));

        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", id.toString());
        assertEquals(MessageId.of(HexFormat.of().parseHex(id.toString())), id);
    }
}
