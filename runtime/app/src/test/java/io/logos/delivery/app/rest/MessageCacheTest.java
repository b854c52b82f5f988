package io.logos.delivery.app.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageCacheTest {

    private static final PubsubTopic SHARD = PubsubTopic.of("/waku/2/rs/0/0");
    private static final PubsubTopic OTHER_SHARD = PubsubTopic.of("/waku/2/rs/0/1");
    private static final ContentTopic CHAT = ContentTopic.parse("/app/1/chat/proto");

    private static WakuMessage message(int n) {
        return WakuMessage.builder().payload(new byte[] {(byte) n}).contentTopic(CHAT).timestamp(n).build();
    }

    @Test
    void keepsOnlySubscribedTopicsAndHandsEachMessageOutOnce() {
        MessageCache cache = new MessageCache(10);
        cache.subscribe(SHARD);
        cache.add(SHARD, message(1));
        cache.add(SHARD, message(1));
        cache.add(OTHER_SHARD, message(2));

        assertEquals(Optional.of(List.of(message(1))), cache.take(SHARD));
        assertEquals(Optional.of(List.of()), cache.take(SHARD));
        assertEquals(Optional.empty(), cache.take(OTHER_SHARD), "not subscribed");
    }

    @Test
    void dropsTheOldestBeyondItsCapacityOverAllTopics() {
        MessageCache cache = new MessageCache(2);
        cache.subscribe(SHARD);
        cache.subscribe(OTHER_SHARD);
        cache.add(SHARD, message(1));
        cache.add(OTHER_SHARD, message(2));
        cache.add(SHARD, message(3));

        assertEquals(Optional.of(List.of(message(3))), cache.take(SHARD));
        assertEquals(Optional.of(List.of(message(2))), cache.take(OTHER_SHARD));
    }

    @Test
    void aMessageHeldByItsContentTopicOutlivesItsPubsubTopicSubscription() {
        MessageCache cache = new MessageCache(10);
        cache.subscribe(SHARD);
        cache.subscribe(CHAT);
        cache.add(SHARD, message(1));

        cache.unsubscribe(SHARD);
        assertEquals(Optional.of(List.of(message(1))), cache.take(CHAT), "taken by content topic");
        assertEquals(Optional.empty(), cache.take(SHARD));

        cache.add(OTHER_SHARD, message(2));
        cache.unsubscribe(CHAT);
        assertEquals(Optional.empty(), cache.take(CHAT));
        assertTrue(cache.contentTopics().isEmpty());
    }
}
