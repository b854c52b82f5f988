package io.logos.delivery.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.node.NodeSettings;
import io.logos.delivery.api.messaging.MessagingOptions;
import io.logos.delivery.api.messaging.Mode;
import io.logos.delivery.api.messaging.NodeOverrides;
import io.logos.delivery.api.messaging.Preset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a preset, a mode and overrides become the kernel node's settings. */
class DefaultMessagingApiProviderTest {

    private static final String PEER = "/ip4/10.0.0.1/tcp/60000/p2p/16Uiu2HAmPLe7Mzm8TsYUubgCAW1aJoeFScxrLj8ppHFivPo97bUZ";

    @Test
    void theWakuNetworkInCoreModeRelaysEveryShardOfClusterOneAndServesLightClients() {
        NodeSettings settings = DefaultMessagingApiProvider.settings(Preset.TWN, Mode.CORE, NodeOverrides.NONE,
                MessagingOptions.DEFAULT);
        assertEquals(1, settings.clusterId());
        assertEquals(8, settings.numShards());
        assertTrue(settings.relay() && settings.lightpushService() && settings.filterService());
        assertEquals(List.of("/ip4/0.0.0.0/tcp/60000"), settings.listenAddresses());
        assertEquals(List.of(), settings.staticNodes(), "the DNS discovery tree cannot be dialed yet");
    }

    @Test
    void anEdgeNodeRelaysNothingAndTakesTheOverrides() {
        NodeSettings settings = DefaultMessagingApiProvider.settings(Preset.LOCAL, Mode.EDGE, NodeOverrides.builder()
                .clusterId(42).numShards(4).listenAddress("/ip4/127.0.0.1/tcp/0").entryNode(PEER).storeNode(PEER)
                .build(), MessagingOptions.DEFAULT);
        assertEquals(42, settings.clusterId());
        assertEquals(4, settings.numShards());
        assertFalse(settings.relay() || settings.lightpushService() || settings.filterService());
        assertEquals(List.of(PEER), settings.staticNodes());
        assertEquals(List.of(PEER), settings.storeNodes());
        assertEquals(List.of("/ip4/127.0.0.1/tcp/0"), settings.listenAddresses());
    }
}
