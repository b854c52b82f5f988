package io.logos.delivery.app.rest;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.TopicHealth;
import io.logos.delivery.app.LogosDelivery;
import io.logos.delivery.app.config.ProtocolsConfig;
import io.logos.delivery.app.metrics.Exposition;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Two real nodes, each with the admin REST API and a metrics server: a service node (relay, light push limited to
 * {@value #LIGHTPUSH_LIMIT}, filter, and a store in memory) under nwaku's {@code waku} names, and a client node
 * under logos-delivery's {@code logos_delivery} names that names the service as its static, light push, filter
 * and store peer. Started with a relay mesh between them; {@link #close()} stops both.
 */
final class ServiceAndClient implements AutoCloseable {

    static final String SHARD = "/waku/2/rs/0/0";
    static final String LIGHTPUSH_LIMIT = "lightpush:4/1h";
    /** Light pushes of one peer the limit lets through before its first 429: 75 % of 4. */
    static final int LIGHTPUSHES_ADMITTED = 3;

    final RestNodes nodes;
    final LogosDelivery service;
    final LogosDelivery client;

    ServiceAndClient(Path root) throws InterruptedException {
        nodes = new RestNodes(root);
        service = nodes.start(protocols(true, Optional.empty()), RestNodes.rest(true, List.of()), true,
                RestNodes.metrics("waku"));
        String serviceAddress = service.kernel().listenAddresses().getFirst();
        client = nodes.start(protocols(false, Optional.of(serviceAddress)), RestNodes.rest(true, List.of()), false,
                RestNodes.metrics("logos_delivery"));
        PubsubTopic shard = PubsubTopic.of(SHARD);
        RestNodes.await("a relay mesh between service and client",
                () -> service.kernel().relay().orElseThrow().health(shard) != TopicHealth.UNHEALTHY
                        && client.kernel().relay().orElseThrow().health(shard) != TopicHealth.UNHEALTHY);
    }

    private static ProtocolsConfig protocols(boolean serves, Optional<String> servicePeer) {
        return new ProtocolsConfig(true, serves, serves, List.of(), 1, servicePeer.stream().toList(), servicePeer,
                servicePeer, servicePeer, serves ? List.of(LIGHTPUSH_LIMIT) : List.of(), 1000, 1000, 300,
                ProtocolsConfig.DEFAULT_RETENTION_POLICY, false);
    }

    static Exposition scrape(LogosDelivery node) {
        return Exposition.scrape(node.metricsAddress().orElseThrow());
    }

    @Override
    public void close() {
        nodes.close();
    }
}
