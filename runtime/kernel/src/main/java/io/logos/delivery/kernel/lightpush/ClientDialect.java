package io.logos.delivery.kernel.lightpush;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;

/** One light push protocol version as the client speaks it: its request out, its answer in. */
interface ClientDialect {

    /** The protocol id to negotiate. */
    String protocol();

    /** The encoded request. */
    byte[] request(String requestId, PubsubTopic pubsubTopic, WakuMessage message);

    /** The service's verdict in the encoded {@code response} to the request {@code requestId}; never fails. */
    PushStatus verdict(byte[] response, String requestId);
}
