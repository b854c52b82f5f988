package io.logos.delivery.libp2p.pubsub.gossipsub;

import io.logos.delivery.libp2p.crypto.KeyType;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.multistream.MultistreamSelect;
import io.logos.delivery.libp2p.mux.LoopbackNetwork;
import io.logos.delivery.libp2p.mux.MuxedConnection;
import io.logos.delivery.libp2p.mux.yamux.YamuxMuxer;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.ConnectionDirection;
import io.logos.delivery.libp2p.pubsub.ExchangedPeer;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.Message;
import io.logos.delivery.libp2p.pubsub.PubSubNetwork;
import io.logos.delivery.libp2p.security.SecureSession;
import io.logos.delivery.libp2p.security.noise.NoiseSecurity;
import io.logos.delivery.libp2p.stream.MuxedStreamChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A test peer running gossipsub over real connections, upgraded by hand the way a host would: Noise, then
 * yamux, each chosen with multistream-select; pubsub streams negotiate the gossipsub protocol. It plays the
 * host's part towards {@link GossipSub}.
 */
final class LoopbackPubSubNode implements PubSubNetwork, AutoCloseable {

    private static final YamuxMuxer YAMUX = new YamuxMuxer();

    final NoiseSecurity noise = new NoiseSecurity(Keys.generate(KeyType.ED25519));
    final PeerId id = noise.localPeer();
    final DefaultEventLoop routerLoop = new DefaultEventLoop();
    final GossipSub gossip;
    final List<Message> received = new CopyOnWriteArrayList<>();
    /** The pubsub streams peers opened to us, oldest first. */
    final List<Channel> inboundStreams = new CopyOnWriteArrayList<>();
    private final Map<PeerId, MuxedConnection> connections = new ConcurrentHashMap<>();

    LoopbackPubSubNode(GossipSubConfig config) {
        gossip = GossipSub.start(id, config, this, routerLoop);
    }

    void subscribe(String topic) {
        gossip.subscribe(topic, received::add);
    }

    long receivedCount(String data) {
        return received.stream().filter(m -> new String(m.data()).equals(data)).count();
    }

    MuxedConnection connectionTo(PeerId peer) {
        return connections.get(peer);
    }

    /**
     * Starts upgrading one end of a fresh TCP connection, and returns once its first handler is in place (so
     * start the listener's end first); once muxed, the connection is reported to gossipsub.
     *
     * @return the remote peer, when the upgrade is done
     */
    CompletableFuture<PeerId> upgrade(Channel connection, boolean dialer) throws Exception {
        CompletableFuture<PeerId> remote = new CompletableFuture<>();
        LoopbackNetwork.onLoop(connection, () -> negotiate(connection, dialer, NoiseSecurity.PROTOCOL_ID)
                .addListener(agreed -> then(agreed, remote, () -> secure(connection, dialer, remote))));
        return remote;
    }

    private void secure(Channel connection, boolean dialer, CompletableFuture<PeerId> remote) {
        Future<SecureSession> secured = dialer
                ? noise.secureOutbound(connection, null)
                : noise.secureInbound(connection);
        secured.addListener(done -> then(done, remote,
                () -> mux(connection, dialer, secured.getNow().remotePeer(), remote)));
    }

    private void mux(Channel connection, boolean dialer, PeerId peer, CompletableFuture<PeerId> remote) {
        negotiate(connection, dialer, YamuxMuxer.PROTOCOL_ID).addListener(agreed -> then(agreed, remote, () -> {
            connections.put(peer, YAMUX.install(connection, dialer, inboundStreams(peer)));
            gossip.peerConnected(peer, dialer ? ConnectionDirection.OUTBOUND : ConnectionDirection.INBOUND,
                    Optional.empty(), Set.of(GossipSubConfig.WAKU_RELAY, "/ipfs/id/1.0.0"));
            remote.complete(peer);
        }));
    }

    /** Runs the next upgrade step when {@code step} succeeded, else fails {@code result}. */
    private static void then(Future<?> step, CompletableFuture<?> result, Runnable next) {
        if (step.isSuccess()) {
            next.run();
        } else {
            result.completeExceptionally(step.cause());
        }
    }

    private static Future<String> negotiate(Channel channel, boolean dialer, String protocol) {
        return dialer
                ? MultistreamSelect.initiate(channel, List.of(protocol))
                : MultistreamSelect.respond(channel, Set.of(protocol));
    }

    /** Streams the peer opens: gossipsub ones go to {@link GossipSub}, others are refused by negotiation. */
    private ChannelHandler inboundStreams(PeerId peer) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                MultistreamSelect.respond(stream, Set.copyOf(gossip.protocolIds())).addListener(agreed -> {
                    if (agreed.isSuccess()) {
                        inboundStreams.add(stream);
                        gossip.inboundStream(peer, stream);
                    }
                });
            }
        };
    }

    @Override
    public CompletableFuture<Channel> openStream(PeerId peer, List<String> protocolIds) {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        MuxedConnection connection = connections.get(peer);
        if (connection == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected to " + peer));
        }
        connection.openStream().addListener(opened -> {
            if (!opened.isSuccess()) {
                result.completeExceptionally(opened.cause());
                return;
            }
            MuxedStreamChannel stream = (MuxedStreamChannel) opened.getNow();
            MultistreamSelect.initiate(stream, protocolIds).addListener(agreed -> {
                if (agreed.isSuccess()) {
                    result.complete(stream);
                } else {
                    result.completeExceptionally(agreed.cause());
                }
            });
        });
        return result;
    }

    @Override
    public void dialExchangedPeers(List<ExchangedPeer> peers) {
    }

    @Override
    public void disconnect(PeerId peer) {
        MuxedConnection connection = connections.remove(peer);
        if (connection != null) {
            connection.close();
        }
    }

    @Override
    public void close() {
        gossip.close();
        connections.values().forEach(connection -> connection.close().syncUninterruptibly());
        routerLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
