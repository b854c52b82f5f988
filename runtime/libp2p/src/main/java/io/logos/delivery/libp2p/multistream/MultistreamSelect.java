package io.logos.delivery.libp2p.multistream;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * multistream-select 1.0 ({@value #PROTOCOL_ID}): agrees on the protocol spoken on a connection or a
 * stream. Each call adds a handler at the end of the channel's pipeline that runs the exchange and then
 * removes itself; the result is set in the {@link #PROTOCOL} attribute and completes the returned future.
 * Start it while no handler that consumes inbound bytes is in the pipeline, from the channel's event
 * loop or before the peer can answer.
 *
 * <p>Listeners added to that future before it completes run on the channel's event loop before any byte
 * that followed the negotiation is passed on, so that is where the protocol's handlers should be added:
 * those bytes then reach them. (A peer may send data right behind its proposal, as js-libp2p does.)
 * On failure the channel is closed and the future fails with a {@link ProtocolNegotiationException}.
 */
public final class MultistreamSelect {

    /** The protocol id of multistream-select itself, sent as the header. */
    public static final String PROTOCOL_ID = MultistreamMessages.HEADER;

    /** The protocol agreed on the channel; set before the future completes. */
    public static final AttributeKey<String> PROTOCOL = AttributeKey.valueOf(MultistreamSelect.class, "protocol");

    private static final String HANDLER_NAME = "multistream-select";

    private MultistreamSelect() {
    }

    /**
     * Proposes {@code protocols} in order of preference until the peer accepts one. The header and the
     * first proposal go out together; after {@code na} the next is proposed.
     *
     * @return the accepted protocol; fails when the peer accepts none of them
     */
    public static Future<String> initiate(Channel channel, List<String> protocols) {
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("no protocol to propose");
        }
        protocols.forEach(MultistreamMessages::requireValidProtocolId);
        Promise<String> result = channel.eventLoop().newPromise();
        channel.pipeline().addLast(HANDLER_NAME, new InitiatorHandler(List.copyOf(protocols), result));
        return result;
    }

    /**
     * Answers the peer's proposals: accepts the first one in {@code supported}, says {@code na} to the
     * others and lists {@code supported} when asked with {@code ls}.
     *
     * @return the accepted protocol
     */
    public static Future<String> respond(Channel channel, Set<String> supported) {
        return respond(channel, Set.copyOf(supported)::contains, List.copyOf(supported));
    }

    /**
     * Answers the peer's proposals: accepts the first one {@code supported} matches and says {@code na} to
     * the others; answers {@code ls} with {@code listed}.
     *
     * @return the accepted protocol
     */
    public static Future<String> respond(Channel channel, Predicate<String> supported, List<String> listed) {
        listed.forEach(MultistreamMessages::requireValidProtocolId);
        Promise<String> result = channel.eventLoop().newPromise();
        channel.pipeline().addLast(HANDLER_NAME, new ResponderHandler(supported, List.copyOf(listed), result));
        return result;
    }

    /**
     * Asks the peer which protocols it supports ({@code ls}). This ends the use of the channel for
     * multistream-select: to select a protocol afterwards, use a new stream or connection.
     *
     * @return the protocols the peer listed, possibly none
     */
    public static Future<List<String>> listProtocols(Channel channel) {
        Promise<List<String>> result = channel.eventLoop().newPromise();
        channel.pipeline().addLast(HANDLER_NAME, new ListingHandler(result));
        return result;
    }
}
