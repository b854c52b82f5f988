package io.logos.delivery.libp2p.host;

import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.multistream.MultistreamSelect;
import io.logos.delivery.libp2p.mux.StreamMuxer;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.security.SecureSession;
import io.logos.delivery.libp2p.security.noise.NoiseSecurity;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Turns a raw connection into a {@link Connection}: multistream-select agrees on {@code /noise}, Noise
 * authenticates the peer, multistream-select agrees on a muxer (yamux first), the muxer is installed.
 * Each step runs on the connection's event loop; any failure or the timeout closes the connection.
 */
final class Upgrader {

    private final NoiseSecurity noise;
    private final Map<String, StreamMuxer> muxers = new LinkedHashMap<>();
    private final ChannelHandler inboundStreams;
    private final Duration timeout;

    Upgrader(NoiseSecurity noise, List<StreamMuxer> muxersByPreference, ChannelHandler inboundStreams,
             Duration timeout) {
        this.noise = noise;
        muxersByPreference.forEach(muxer -> muxers.put(muxer.protocolId(), muxer));
        this.inboundStreams = inboundStreams;
        this.timeout = timeout;
    }

    /**
     * Upgrades {@code raw}. Call on its event loop, before anything was read from it.
     *
     * @param expectedPeer the peer an outbound connection must reach, or {@code null} when unknown
     */
    CompletableFuture<Connection> upgrade(Channel raw, Direction direction, PeerId expectedPeer, Multiaddr remote) {
        CompletableFuture<Connection> result = new CompletableFuture<>();
        ScheduledFuture<?> deadline = raw.eventLoop().schedule(() -> fail(raw, result,
                new TimeoutException("connection upgrade with " + remote + " took longer than " + timeout)),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((connection, failure) -> deadline.cancel(false));
        boolean initiator = direction == Direction.OUTBOUND;

        Future<String> security = initiator
                ? MultistreamSelect.initiate(raw, List.of(NoiseSecurity.PROTOCOL_ID))
                : MultistreamSelect.respond(raw, Set.of(NoiseSecurity.PROTOCOL_ID));
        onSuccess(security, raw, result, agreed -> {
            Future<SecureSession> secured = initiator
                    ? noise.secureOutbound(raw, expectedPeer) : noise.secureInbound(raw);
            onSuccess(secured, raw, result, session -> {
                Future<String> muxer = initiator
                        ? MultistreamSelect.initiate(raw, List.copyOf(muxers.keySet()))
                        : MultistreamSelect.respond(raw, muxers.keySet());
                onSuccess(muxer, raw, result, muxerId -> result.complete(new Connection(session,
                        muxers.get(muxerId).install(raw, initiator, inboundStreams), direction, remote, muxerId)));
            });
        });
        return result;
    }

    private static <T> void onSuccess(Future<T> step, Channel raw, CompletableFuture<Connection> result,
                                      Consumer<T> next) {
        step.addListener(done -> {
            if (result.isDone()) {
                return;
            }
            if (done.isSuccess()) {
                next.accept(step.getNow());
            } else {
                fail(raw, result, done.cause());
            }
        });
    }

    private static void fail(Channel raw, CompletableFuture<Connection> result, Throwable cause) {
        if (result.completeExceptionally(cause)) {
            raw.close();
        }
    }
}
