package io.logos.delivery.app.rest;

import io.logos.delivery.api.kernel.InvalidTopicException;
import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PagingDirection;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.StoreQuery;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * A store query from nwaku's query parameters: {@code includeData} and {@code ascending} ({@code true} or
 * {@code false}; absent, no data and forward), {@code pubsubTopic}, {@code contentTopics} and {@code hashes}
 * (comma-separated; hashes in hex, {@code 0x} optional), {@code startTime} and {@code endTime} (Unix
 * nanoseconds; as in nwaku only a positive time counts), {@code cursor} (hex) and {@code pageSize} (absent or
 * 0, the service's default of 20; the service caps it at 100). An empty value counts as absent, as in nwaku; a
 * malformed one is a 400 naming the parameter. The service checks the rest (limits, an all-zero cursor).
 */
final class StoreQueryParameters {

    private StoreQueryParameters() {
    }

    static StoreQuery parse(RestRequest request) {
        StoreQuery.Builder query = StoreQuery.builder()
                .includeData(flag(request, "includeData").orElse(false))
                .contentTopics(list(request, "contentTopics", Function.identity()))
                .messageHashes(list(request, "hashes", text -> hash("hashes", text)))
                .direction(flag(request, "ascending").orElse(true) ? PagingDirection.FORWARD : PagingDirection.BACKWARD);
        value(request, "pubsubTopic").map(StoreQueryParameters::pubsubTopic).ifPresent(query::pubsubTopic);
        time(request, "startTime").ifPresent(query::timeStart);
        time(request, "endTime").ifPresent(query::timeEnd);
        value(request, "cursor").map(text -> hash("cursor", text)).ifPresent(query::cursor);
        pageSize(request).ifPresent(query::pageSize);
        return query.build();
    }

    /** The parameter's value, absent when empty. */
    static Optional<String> value(RestRequest request, String name) {
        return request.queryParameter(name).filter(text -> !text.isEmpty());
    }

    private static Optional<Boolean> flag(RestRequest request, String name) {
        return value(request, name).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, "expected true or false, got '" + text + "'");
        });
    }

    private static <T> List<T> list(RestRequest request, String name, Function<String, T> parser) {
        Optional<String> text = value(request, name);
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> items = List.of(text.get().split(",", -1));
        if (items.contains("")) {
            throw invalid(name, "an empty item in '" + text.get() + "'");
        }
        return items.stream().map(parser).toList();
    }

    private static PubsubTopic pubsubTopic(String text) {
        try {
            return PubsubTopic.of(text);
        } catch (InvalidTopicException e) {
            throw invalid("pubsubTopic", e.getMessage());
        }
    }

    private static MessageHash hash(String name, String text) {
        try {
            return MessageHash.fromHex(text);
        } catch (IllegalArgumentException e) {
            throw invalid(name, e.getMessage());
        }
    }

    /** Nanoseconds; nwaku drops a time that is not positive. */
    private static OptionalLong time(RestRequest request, String name) {
        Optional<String> text = value(request, name);
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        long nanos = number(name, text.get());
        return nanos > 0 ? OptionalLong.of(nanos) : OptionalLong.empty();
    }

    private static OptionalLong pageSize(RestRequest request) {
        Optional<String> text = value(request, "pageSize");
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        long size = number("pageSize", text.get());
        if (size < 0) {
            throw invalid("pageSize", "it cannot be negative, got " + size);
        }
        return size == 0 ? OptionalLong.empty() : OptionalLong.of(size);
    }

    private static long number(String name, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalid(name, "not a whole number: '" + text + "'");
        }
    }

    private static RestException invalid(String name, String reason) {
        return RestException.badRequest("Invalid " + name + ": " + reason);
    }
}
