package io.logos.delivery.app.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which Waku protocols the node mounts and whom it keeps connected to. Names and defaults follow nwaku's
 * flags.
 *
 * @param relay                    {@code --relay} (default true)
 * @param lightpush                {@code --lightpush}: serve light push (needs relay)
 * @param filter                   {@code --filter}: serve filter (needs relay)
 * @param shards                   {@code --shard}, repeatable; empty = every shard of the network
 * @param numShardsInNetwork       {@code --num-shards-in-network}: autosharding over that many shards; 0 = static sharding
 * @param staticNodes              {@code --staticnode}, repeatable: multiaddrs kept connected
 * @param storeNode                {@code --storenode}: the store service peer
 * @param filterNode               {@code --filternode}: the filter service peer
 * @param lightpushNode            {@code --lightpushnode}: the light push service peer
 * @param rateLimits               {@code --rate-limit}, repeatable: {@code [<proto>:]<volume>/<period><unit>}
 * @param filterMaxPeersToServe    {@code --filter-max-peers-to-serve}
 * @param filterMaxCriteria        {@code --filter-max-criteria}
 * @param filterSubscriptionTimeoutSeconds {@code --filter-subscription-timeout}
 * @param storeRetentionPolicy     {@code --store-message-retention-policy}: {@code time:<s>;capacity:<n>;size:<n>MB|GB}
 * @param storeResume              {@code --store-resume}: after start, fetch what was missed from a store peer
 */
public record ProtocolsConfig(boolean relay, boolean lightpush, boolean filter, List<Integer> shards,
                              int numShardsInNetwork, List<String> staticNodes, Optional<String> storeNode,
                              Optional<String> filterNode, Optional<String> lightpushNode, List<String> rateLimits,
                              int filterMaxPeersToServe, int filterMaxCriteria, int filterSubscriptionTimeoutSeconds,
                              String storeRetentionPolicy, boolean storeResume) {

    /** nwaku's default: two days. */
    public static final String DEFAULT_RETENTION_POLICY = "time:172800";

    public ProtocolsConfig {
        shards = List.copyOf(shards);
        staticNodes = List.copyOf(staticNodes);
        rateLimits = List.copyOf(rateLimits);
        Objects.requireNonNull(storeNode, "storeNode");
        Objects.requireNonNull(filterNode, "filterNode");
        Objects.requireNonNull(lightpushNode, "lightpushNode");
        if ((lightpush || filter) && !relay) {
            throw new InvalidConfigurationException("--lightpush and --filter serve relayed messages: they need --relay=true");
        }
        if (numShardsInNetwork == 0 && shards.isEmpty()) {
            throw new InvalidConfigurationException("static sharding (--num-shards-in-network=0) needs at least one --shard");
        }
        positive("--filter-max-peers-to-serve", filterMaxPeersToServe);
        positive("--filter-max-criteria", filterMaxCriteria);
        positive("--filter-subscription-timeout", filterSubscriptionTimeoutSeconds);
        Objects.requireNonNull(storeRetentionPolicy, "storeRetentionPolicy");
    }

    private static void positive(String flag, int value) {
        if (value < 1) {
            throw new InvalidConfigurationException(flag + " must be at least 1, got " + value);
        }
    }

    /** nwaku's defaults: a relay node on autosharding over one shard, no services, no configured peers. */
    public static ProtocolsConfig defaults() {
        return new ProtocolsConfig(true, false, false, List.of(), 1, List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), 1000, 1000, 300, DEFAULT_RETENTION_POLICY, false);
    }
}
