package io.logos.delivery.messaging;

import io.logos.delivery.api.messaging.MessagingApi;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The facts {@link MessagingApi#nodeInfo} answers, each as JSON. */
final class NodeInfo {

    static final List<String> IDS = List.of("version", "my_peer_id", "my_enr", "listen_addresses", "mode",
            "connection_status", "subscriptions");

    private final MessagingApi api;

    NodeInfo(MessagingApi api) {
        this.api = api;
    }

    String get(String id) {
        return switch (id) {
            case "version" -> string(version());
            case "my_peer_id" -> string(api.kernel().peerId().toString());
            case "my_enr" -> api.kernel().enrUri().map(NodeInfo::string).orElse("null");
            case "listen_addresses" -> array(api.kernel().listenAddresses());
            case "mode" -> string(api.mode().name().toLowerCase(java.util.Locale.ROOT));
            case "connection_status" -> string(api.connectionStatus().specName());
            case "subscriptions" -> array(api.subscriptions());
            default -> throw new IllegalArgumentException("unknown node info id '" + id + "'; known: " + IDS);
        };
    }

    private static String version() {
        return Optional.ofNullable(NodeInfo.class.getModule().getDescriptor())
                .flatMap(descriptor -> descriptor.rawVersion()).orElse("dev");
    }

    private static String array(List<String> values) {
        return values.stream().map(NodeInfo::string).collect(Collectors.joining(",", "[", "]"));
    }

    /** A JSON string; the values here are versions, peer ids, multiaddrs and topics, which need little escaping. */
    private static String string(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
