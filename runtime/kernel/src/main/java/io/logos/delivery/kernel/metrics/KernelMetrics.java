package io.logos.delivery.kernel.metrics;

import io.logos.delivery.api.kernel.PubsubTopic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The metrics the kernel keeps, with nwaku's names, label names and label values where nwaku has the metric
 * (docs/adr/0015 lists them). Names carry nwaku's {@value #NAMESPACE} namespace, which an exporter may replace
 * with the operator's prefix; {@code libp2p_peers} keeps nim-libp2p's name. Components report what happened
 * through the methods here, so that label values are spelled in one place. Thread-safe.
 */
public final class KernelMetrics {

    /** nwaku's namespace of every Waku metric name. */
    public static final String NAMESPACE = "waku_";

    /** nwaku's archive error types. */
    public static final String ARCHIVE_TOO_OLD = "invalid_message_too_old";
    public static final String ARCHIVE_FUTURE_TIMESTAMP = "invalid_message_future_timestamp";
    public static final String ARCHIVE_INSERT_FAILURE = "insert_failure";
    /** nwaku's filter error types, and ours for a push dropped because the subscriber reads too slowly. */
    public static final String FILTER_DECODE_FAILURE = "decode_rpc_failure";
    public static final String FILTER_PUSH_QUEUE_FULL = "push_queue_full";

    private final MetricRegistry registry;
    private final Counter nodeMessages;
    private final Counter relayNetworkBytes;
    private final Counter relayMessages;
    private final Gauge archiveMessages;
    private final Counter archiveErrors;
    private final Histogram archiveInsertDuration;
    private final Histogram archiveQueryDuration;
    private final Counter storeQueries;
    private final Counter storeErrors;
    private final Counter filterRequests;
    private final Counter filterErrors;
    private final LightpushCounters lightpushV3;
    private final LightpushCounters legacyLightpush;
    private final Counter serviceRequests;

    /** The kernel's metrics in a registry of their own. */
    public KernelMetrics() {
        this(new MetricRegistry());
    }

    public KernelMetrics(MetricRegistry registry) {
        this.registry = registry;
        nodeMessages = registry.counter("waku_node_messages", "number of messages received", "type");
        relayNetworkBytes = registry.counter("waku_relay_network_bytes",
                "total traffic per topic, distinct gross/net and direction", "topic", "type", "direction");
        relayMessages = registry.counter("waku_relay_messages",
                "relay messages per pubsub topic: in = valid messages from peers, out = messages we published",
                "topic", "direction");
        archiveMessages = registry.gauge("waku_archive_messages", "number of historical messages", "type");
        archiveErrors = registry.counter("waku_archive_errors", "number of messages the archive did not store",
                "type");
        archiveInsertDuration = registry.histogram("waku_archive_insert_duration_seconds",
                "message insertion duration", Histogram.DEFAULT_SECONDS);
        archiveQueryDuration = registry.histogram("waku_archive_query_duration_seconds", "history query duration",
                Histogram.DEFAULT_SECONDS);
        storeQueries = registry.counter("waku_store_queries", "number of store queries received");
        storeErrors = registry.counter("waku_store_errors",
                "number of store queries answered with an error, by status code", "type");
        filterRequests = registry.counter("waku_filter_requests", "number of filter subscribe requests received",
                "type");
        filterErrors = registry.counter("waku_filter_errors", "number of filter protocol errors", "type");
        lightpushV3 = new LightpushCounters(
                registry.counter("waku_lightpush_v3_messages", "number of lightpush messages received", "type"),
                registry.counter("waku_lightpush_v3_errors", "number of lightpush protocol errors", "type"));
        legacyLightpush = new LightpushCounters(
                registry.counter("waku_lightpush_messages", "number of legacy lightpush messages received", "type"),
                registry.counter("waku_lightpush_errors", "number of legacy lightpush protocol errors", "type"));
        serviceRequests = registry.counter("waku_service_requests", "number of non-relay service requests received",
                "service", "state");
    }

    /** What an exporter reads. */
    public MetricSource source() {
        return registry;
    }

    // relay: nwaku counts a message's bytes as its data plus its topic

    /** A message from a peer reached the relay validators (valid or not). */
    public void relayValidating(PubsubTopic topic, int dataBytes) {
        relayNetworkBytes.add(wireBytes(topic, dataBytes), topic.value(), "gross", "in");
    }

    /** The validators accepted a message from a peer. */
    public void relayAccepted(PubsubTopic topic) {
        relayMessages.inc(topic.value(), "in");
    }

    /** Relay hands a valid message (a peer's or our own) to the node. */
    public void relayDelivered(PubsubTopic topic, int dataBytes) {
        nodeMessages.inc("relay");
        relayNetworkBytes.add(wireBytes(topic, dataBytes), topic.value(), "net", "in");
    }

    /** We published a message that went out to at least one peer. */
    public void relayPublished(PubsubTopic topic, int dataBytes) {
        relayMessages.inc(topic.value(), "out");
        relayNetworkBytes.add(wireBytes(topic, dataBytes), topic.value(), "net", "out");
    }

    private static long wireBytes(PubsubTopic topic, int dataBytes) {
        return (long) dataBytes + topic.value().length();
    }

    // archive

    /** The archive holds {@code count} messages (read from the driver). */
    public void archiveHolds(long count) {
        archiveMessages.set(count, "stored");
    }

    public void archiveStored(Duration insertTook) {
        archiveMessages.add(1, "stored");
        archiveInsertDuration.observe(insertTook);
    }

    /** A message was not archived; {@code type} is one of the {@code ARCHIVE_*} constants. */
    public void archiveError(String type) {
        archiveErrors.inc(type);
    }

    public void archiveQueried(Duration took) {
        archiveQueryDuration.observe(took);
    }

    // store

    /** A store query was read and decoded. */
    public void storeQuery() {
        storeQueries.inc();
    }

    /** A store query was answered with {@code statusCode} other than 200. */
    public void storeError(int statusCode) {
        storeErrors.inc(Integer.toString(statusCode));
    }

    // filter

    /** A filter subscribe request of {@code type} (nwaku's FilterSubscribeType name) was read. */
    public void filterRequest(String type) {
        filterRequests.inc(type);
    }

    /** {@code type}: one of the {@code FILTER_*} constants. */
    public void filterError(String type) {
        filterErrors.inc(type);
    }

    // light push

    /** Light push v3's counters. */
    public LightpushCounters lightpushV3() {
        return lightpushV3;
    }

    /** The legacy light push protocol's counters. */
    public LightpushCounters legacyLightpush() {
        return legacyLightpush;
    }

    // services

    /** A request to the service on {@code protocol} was served, or rejected by its rate limit. */
    public void serviceRequest(String protocol, boolean served) {
        serviceRequests.inc(protocol, served ? "served" : "rejected");
    }

    // figures the node keeps anyway, read when collected

    /** Connected peers by direction ({@code In}, {@code Out}) and Waku protocol: label values to count. */
    public void connectedPeers(Supplier<Map<List<String>, Double>> byDirectionAndProtocol) {
        registry.sampledGauge("waku_connected_peers", "Number of physical connections per direction and protocol",
                List.of("direction", "protocol"), byDirectionAndProtocol);
    }

    /** All connected peers (nim-libp2p's gauge). */
    public void libp2pPeers(IntSupplier count) {
        registry.gauge("libp2p_peers", "total connected peers", count::getAsInt);
    }

    public void peerStoreSize(IntSupplier size) {
        registry.gauge("waku_peer_store_size", "Number of peers managed by the peer store", size::getAsInt);
    }

    public void filterSubscriptions(IntSupplier subscribers) {
        registry.gauge("waku_filter_subscriptions", "number of subscribed filter clients", subscribers::getAsInt);
    }

    /** One light push protocol version's request and error counters, as nwaku labels them. */
    public record LightpushCounters(Counter messages, Counter errors) {

        /** A push request was read and decoded. */
        public void request() {
            messages.inc("PushRequest");
        }

        /** A push was answered with {@code statusCode} other than 200. */
        public void error(int statusCode) {
            errors.inc(Integer.toString(statusCode));
        }
    }
}
