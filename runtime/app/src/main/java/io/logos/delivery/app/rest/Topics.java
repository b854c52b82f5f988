package io.logos.delivery.app.rest;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.RelayShard;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Topics from request text; a malformed one is a 400 naming it. */
final class Topics {

    private Topics() {
    }

    static PubsubTopic pubsubTopic(String text) {
        try {
            return PubsubTopic.of(text);
        } catch (IllegalArgumentException e) {
            throw RestException.badRequest(e.getMessage());
        }
    }

    static ContentTopic contentTopic(String text) {
        try {
            return ContentTopic.parse(text);
        } catch (IllegalArgumentException e) {
            throw RestException.badRequest(e.getMessage());
        }
    }

    /** Relay shards ({@code /waku/2/rs/<cluster>/<shard>}), as nwaku's relay subscriptions take them. */
    static List<PubsubTopic> shards(List<String> texts) {
        return parseAll(texts, text -> RelayShard.parse(text).toPubsubTopic(), "pubsub");
    }

    static List<ContentTopic> contentTopics(List<String> texts) {
        return parseAll(texts, ContentTopic::parse, "content");
    }

    /** Every topic, or a 400 listing all the invalid ones. */
    private static <T> List<T> parseAll(List<String> texts, Function<String, T> parser, String kind) {
        List<String> invalid = new ArrayList<>();
        List<T> topics = new ArrayList<>();
        for (String text : texts) {
            try {
                topics.add(parser.apply(text));
            } catch (IllegalArgumentException e) {
                invalid.add(text);
            }
        }
        if (!invalid.isEmpty()) {
            throw RestException.badRequest("Invalid " + kind + " topic(s): " + invalid);
        }
        return topics;
    }
}
