package io.logos.delivery.kernel.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeerManagerConfigTest {

    @Test
    void nwakuDefaultsGiveNwakuRelayTargets() {
        PeerManagerConfig config = PeerManagerConfig.builder(1).build();

        assertEquals(150, config.maxConnections());
        assertEquals(75, config.relayPeers());
        assertEquals(25, config.outRelayTarget());
        assertEquals(50, config.inRelayTarget());
        assertEquals(Duration.ofSeconds(30), config.connectivityInterval());
        assertEquals(10, config.maxParallelDials());
    }

    @Test
    void theRelayShareRoundsUpAsNwaku() {
        PeerManagerConfig config = PeerManagerConfig.builder(1).maxConnections(50).relayServiceRatio("60:40").build();

        assertEquals(30, config.relayPeers());
        assertEquals(10, config.outRelayTarget());
        assertEquals(20, config.inRelayTarget());
        assertEquals(5, PeerManagerConfig.builder(1).maxConnections(9).relayServiceRatio("50:50").build().relayPeers());
    }

    @Test
    void badSettingsAreRefusedSayingWhich() {
        assertMessage("ratio", () -> PeerManagerConfig.builder(1).relayServiceRatio("60:30"));
        assertMessage("ratio", () -> PeerManagerConfig.builder(1).relayServiceRatio("sixty:forty"));
        assertMessage("lacks /p2p", () -> PeerManagerConfig.builder(1).staticNode("/ip4/1.2.3.4/tcp/60000").build());
        assertMessage("lightpush", () -> PeerManagerConfig.builder(1)
                .serviceNode(PeerManagerConfig.LIGHTPUSH_PROTOCOL, "not a multiaddr"));
        assertMessage("max parallel dials", () -> PeerManagerConfig.builder(1).maxParallelDials(0).build());
    }

    private static void assertMessage(String expected, Runnable build) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }

    @Test
    void theBackoffGrowsByItsFactorUpToItsMaximum() {
        DialBackoff nwaku = DialBackoff.NWAKU;

        assertEquals(Duration.ofSeconds(120), nwaku.after(1));
        assertEquals(Duration.ofSeconds(480), nwaku.after(2));
        assertEquals(Duration.ofSeconds(1920), nwaku.after(3));
        assertEquals(Duration.ofSeconds(7680), nwaku.after(4));
        assertEquals(Duration.ofSeconds(7680), nwaku.after(400), "capped, and no overflow");
    }
}
