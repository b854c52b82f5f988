package io.logos.delivery.kernel.relay;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;

/**
 * One step of relay's ordered validation (nwaku's "Waku validators"): runs on messages received from
 * peers and on messages we publish (relay, light push, REST). Runs on the gossipsub router's thread, so it
 * must be quick.
 */
@FunctionalInterface
public interface MessageValidator {

    /**
     * @param encodedSize the message's size on the wire in bytes
     */
    Verdict validate(PubsubTopic topic, WakuMessage message, int encodedSize);
}
