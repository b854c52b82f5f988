package io.logos.delivery.api.messaging;

import io.logos.delivery.api.kernel.ContentTopic;

/**
 * Whether the first {@link MessagingApi#send send} on a content topic subscribes to it, so that the sender
 * receives replies there. The spec says it SHOULD; applications that only publish turn it off.
 */
@FunctionalInterface
public interface AutoSubscribePolicy {

    AutoSubscribePolicy ALWAYS = topic -> true;
    AutoSubscribePolicy NEVER = topic -> false;

    boolean subscribeOnSend(ContentTopic topic);
}
