package io.logos.delivery.messaging.receive;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.PubsubTopic;
import java.util.Set;

/** How the node takes in live messages for the subscribed topics: relay in core mode, filter in edge mode. */
interface MessageSource {

    void start();

    /** The subscribed topics on {@code shard} are now {@code topics}; empty when none is left there. */
    void topicsChanged(PubsubTopic shard, Set<ContentTopic> topics);

    /** One service-loop round. */
    void maintain();

    void close();
}
