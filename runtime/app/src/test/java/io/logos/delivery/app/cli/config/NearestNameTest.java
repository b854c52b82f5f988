package io.logos.delivery.app.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NearestNameTest {

    private static final List<String> KEYS = List.of("tcp-port", "websocket-port", "cluster-id", "store", "shard");

    @Test
    void distanceCountsSingleCharacterEdits() {
        assertEquals(0, NearestName.distance("store", "store"));
        assertEquals(2, NearestName.distance("tcp-prot", "tcp-port"));
        assertEquals(1, NearestName.distance("shards", "shard"));
        assertEquals(5, NearestName.distance("", "store"));
    }

    @Test
    void theClosestLikelyTypoIsSuggested() {
        assertEquals(Optional.of("tcp-port"), NearestName.to("tcp-prot", KEYS));
        assertEquals(Optional.of("shard"), NearestName.to("shards", KEYS));
        assertEquals(Optional.of("cluster-id"), NearestName.to("clusterid", KEYS));
    }

    @Test
    void nothingIsSuggestedForAnUnrelatedName() {
        assertEquals(Optional.empty(), NearestName.to("database", KEYS));
        assertEquals("", NearestName.hint("rln-relay-eth-client-address", KEYS));
    }
}
