package io.logos.delivery.kernel.node;

import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.kernel.archive.ArchiveConfig;
import io.logos.delivery.kernel.filter.FilterServerConfig;
import io.logos.delivery.kernel.peers.PeerManagerConfig;
import io.logos.delivery.kernel.ratelimit.RateLimit;
import io.logos.delivery.libp2p.host.HostConfig;
import java.time.Clock;
import java.util.Objects;

/**
 * Everything a {@link KernelNode} is built from. Defaults follow nwaku: relay on, light push and filter
 * services off, 150 KiB messages.
 *
 * @param host           the libp2p identity, listen addresses and connection limits
 * @param sharding       cluster and shards
 * @param relay          mount relay ({@code --relay})
 * @param lightpush      serve light push ({@code --lightpush}; needs relay)
 * @param filter         serve filter ({@code --filter}; needs relay)
 * @param maxMessageSize {@code --max-msg-size}
 * @param lightpushRateLimit requests a peer may push ({@code --rate-limit=lightpush:…}; nwaku's token buckets)
 * @param filterService  limits of the filter service
 * @param archive        retention of the archive, when the node has one
 * @param peers          the peer manager: connection targets, static and service peers, the peer store
 * @param clock          the time every TTL, backoff and rate limit reads
 * @param storeRateLimit queries a peer may make of the store service ({@code --rate-limit=store:…}), which is
 *                       mounted when the node is given an archive
 * @param storeResume    fill the archive from a store peer after start ({@code --store-resume})
 */
public record KernelConfig(HostConfig host, ShardingConfig sharding, boolean relay, boolean lightpush, boolean filter,
                           MessageSizeLimit maxMessageSize, RateLimit lightpushRateLimit, FilterServerConfig filterService,
                           ArchiveConfig archive, PeerManagerConfig peers, Clock clock, RateLimit storeRateLimit,
                           boolean storeResume) {

    public KernelConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(sharding, "sharding");
        Objects.requireNonNull(maxMessageSize, "maxMessageSize");
        Objects.requireNonNull(lightpushRateLimit, "lightpushRateLimit");
        Objects.requireNonNull(filterService, "filterService");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(peers, "peers");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(storeRateLimit, "storeRateLimit");
        if (peers.clusterId() != sharding.clusterId()) {
            throw new IllegalArgumentException("the peer manager's cluster " + peers.clusterId()
                    + " differs from the node's " + sharding.clusterId());
        }
        if ((lightpush || filter) && !relay) {
            throw new IllegalArgumentException("the light push and filter services need relay (--relay=true)");
        }
    }

    /** A relay node with nwaku's defaults on {@code host}. */
    public static KernelConfig relayNode(HostConfig host, ShardingConfig sharding) {
        return new KernelConfig(host, sharding, true, false, false, MessageSizeLimit.DEFAULT, RateLimit.UNLIMITED,
                FilterServerConfig.DEFAULT, ArchiveConfig.DEFAULT, PeerManagerConfig.builder(sharding.clusterId()).build(),
                Clock.systemUTC(), RateLimit.UNLIMITED, false);
    }

    public KernelConfig withServices(boolean lightpush, boolean filter) {
        return new KernelConfig(host, sharding, relay, lightpush, filter, maxMessageSize,
                lightpushRateLimit, filterService, archive, peers, clock, storeRateLimit, storeResume);
    }

    public KernelConfig withRelay(boolean value) {
        return new KernelConfig(host, sharding, value, lightpush, filter, maxMessageSize,
                lightpushRateLimit, filterService, archive, peers, clock, storeRateLimit, storeResume);
    }

    public KernelConfig withMaxMessageSize(MessageSizeLimit value) {
        return new KernelConfig(host, sharding, relay, lightpush, filter, value, lightpushRateLimit, filterService,
                archive, peers, clock, storeRateLimit, storeResume);
    }

    public KernelConfig withLightpushRateLimit(RateLimit value) {
        return new KernelConfig(host, sharding, relay, lightpush, filter, maxMessageSize, value, filterService,
                archive, peers, clock, storeRateLimit, storeResume);
    }

    public KernelConfig withFilterService(FilterServerConfig value) {
        return new KernelConfig(host, sharding, relay, lightpush, filter, maxMessageSize,
                lightpushRateLimit, value, archive, peers, clock, storeRateLimit, storeResume);
    }

    public KernelConfig withArchive(ArchiveConfig value) {
        return new KernelConfig(host, sharding, relay, lightpush, filter, maxMessageSize, lightpushRateLimit,
                filterService, value, peers, clock, storeRateLimit, storeResume);
    }

    public KernelConfig withPeers(PeerManagerConfig value) {
        return new KernelConfig(host, sharding, relay, lightpush, filter, maxMessageSize,
                lightpushRateLimit, filterService, archive, value, clock, storeRateLimit, storeResume);
    }

    public KernelConfig withClock(Clock value) {
        return new KernelConfig(host, sharding, relay, lightpush, filter, maxMessageSize,
                lightpushRateLimit, filterService, archive, peers, value, storeRateLimit, storeResume);
    }

    public KernelConfig withStoreRateLimit(RateLimit value) {
        return new KernelConfig(host, sharding, relay, lightpush, filter, maxMessageSize, lightpushRateLimit,
                filterService, archive, peers, clock, value, storeResume);
    }

    public KernelConfig withStoreResume(boolean value) {
        return new KernelConfig(host, sharding, relay, lightpush, filter, maxMessageSize, lightpushRateLimit,
                filterService, archive, peers, clock, storeRateLimit, value);
    }
}
