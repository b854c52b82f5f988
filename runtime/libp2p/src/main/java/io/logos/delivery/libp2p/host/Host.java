package io.logos.delivery.libp2p.host;

import io.logos.delivery.libp2p.framed.FramedStream;
import io.logos.delivery.libp2p.framed.FramedStreamHandler;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.multiaddr.Protocol;
import io.logos.delivery.libp2p.mux.mplex.MplexMuxer;
import io.logos.delivery.libp2p.mux.yamux.YamuxMuxer;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.protocol.identify.IdentifyMessage;
import io.logos.delivery.libp2p.protocol.identify.IdentifyProtocol;
import io.logos.delivery.libp2p.protocol.ping.PingProtocol;
import io.logos.delivery.libp2p.security.noise.NoiseSecurity;
import io.logos.delivery.libp2p.stream.MuxedStreamChannel;
import io.logos.delivery.libp2p.transport.NettyIo;
import io.logos.delivery.libp2p.transport.TcpTransport;
import io.logos.delivery.libp2p.transport.Transport;
import io.logos.delivery.libp2p.transport.WebSocketTransport;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A libp2p host: one identity, its listen addresses, its connections and the protocols it serves.
 * Runs identify ({@value IdentifyProtocol#ID}, push) and ping ({@value PingProtocol#ID}) itself;
 * other protocols are added with {@link #setStreamHandler}. Thread-safe.
 */
public final class Host {

    private static final Logger LOG = LoggerFactory.getLogger(Host.class);

    private final HostConfig config;
    private final PeerId peerId;
    private final NettyIo io = NettyIo.detect();
    private final ConnectionManager connections;
    private final StreamHandlers handlers;
    private final IdentifyService identify;
    private final Upgrader upgrader;
    private final List<Transport.Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile Running running;

    /** The event loops and transports of a started host. */
    private record Running(EventLoopGroup group, List<Transport> transports) {
    }

    /** Prepares a host; nothing runs, binds or spawns threads until {@link #start()}. */
    public Host(HostConfig config) {
        this.config = config;
        NoiseSecurity noise = new NoiseSecurity(config.identity());
        this.peerId = noise.localPeer();
        this.connections = new ConnectionManager(config.limits());
        this.identify = new IdentifyService(this::identifyMessage, connections);
        this.handlers = new StreamHandlers(protocols -> {
            if (running != null) {
                identify.pushToAll();
            }
        });
        this.upgrader = new Upgrader(noise, List.of(new YamuxMuxer(), new MplexMuxer()),
                handlers.new InboundStreams(), config.dialTimeout());
        connections.addListener(identify);
        handlers.add(IdentifyProtocol.ID, identify::respond);
        handlers.add(IdentifyProtocol.PUSH_ID, identify::receivePush);
        handlers.add(PingProtocol.ID, (connection, stream) -> PingProtocol.respond(stream));
    }

    /**
     * Starts the event loops and binds every listen address of the configuration. Fails, naming the
     * address, when one cannot be bound, and fails when the wss certificate cannot be used.
     */
    public synchronized CompletableFuture<Void> start() {
        if (running != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("host " + peerId + " is already started"));
        }
        EventLoopGroup group = io.newGroup(config.ioThreads());
        try {
            running = new Running(group, List.of(new TcpTransport(io, group),
                    new WebSocketTransport(io, group, config.wssCertificate())));
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            return CompletableFuture.failedFuture(e);
        }
        List<CompletableFuture<Transport.Listener>> bound = new ArrayList<>();
        for (Multiaddr address : config.listenAddresses()) {
            Transport transport;
            try {
                transport = transportFor(address);
            } catch (IllegalArgumentException e) {
                return CompletableFuture.failedFuture(e);
            }
            bound.add(transport.listen(address, channel -> accept(transport, channel))
                    .exceptionallyCompose(failure -> CompletableFuture.failedFuture(new IOException(
                            "cannot listen on " + address + ": " + failure.getMessage(), failure))));
        }
        return CompletableFuture.allOf(bound.toArray(CompletableFuture[]::new))
                .whenComplete((ignored, failure) -> keepBound(bound))
                .thenRun(() -> LOG.info("libp2p host {} listening on {} ({} I/O)", peerId, listenAddresses(),
                        io.name()));
    }

    /** Records the listeners in configuration order; after a failure too, so that stop() closes them. */
    private void keepBound(List<CompletableFuture<Transport.Listener>> bound) {
        bound.stream().filter(listener -> !listener.isCompletedExceptionally())
                .forEach(listener -> listeners.add(listener.join()));
    }

    private void accept(Transport transport, Channel raw) {
        Multiaddr remote = transport.remoteAddress(raw);
        upgrader.upgrade(raw, Direction.INBOUND, null, remote).thenAccept(this::register).exceptionally(failure -> {
            LOG.debug("Inbound connection from {} failed: {}", remote, failure.getMessage());
            return null;
        });
    }

    private Connection register(Connection connection) {
        try {
            connections.register(connection);
            return connection;
        } catch (ConnectionLimitException e) {
            throw new UncheckedIOException(e);
        }
    }

    public PeerId peerId() {
        return peerId;
    }

    /** The bound addresses, with real ports, without {@code /p2p}. */
    public List<Multiaddr> listenAddresses() {
        return listeners.stream().map(Transport.Listener::address).toList();
    }

    /** The bound addresses followed by {@code /p2p/<peer id>}: what other peers dial. */
    public List<Multiaddr> dialableAddresses() {
        Multiaddr self = Multiaddr.parse("/p2p/" + peerId);
        return listenAddresses().stream().map(address -> address.encapsulate(self)).toList();
    }

    /**
     * Connects to {@code address}. With a {@code /p2p/<id>} suffix the remote must prove that identity.
     * Fails on timeout, refusal, a failed upgrade, another identity, or a full connection table.
     */
    public CompletableFuture<Connection> dial(Multiaddr address) {
        Optional<PeerId> expected = address.peerId();
        if (expected.filter(peerId::equals).isPresent()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("cannot dial ourselves at " + address));
        }
        Multiaddr target = expected.isPresent() ? address.decapsulate(Protocol.P2P).orElse(address) : address;
        Transport transport;
        try {
            transport = transportFor(target);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return CompletableFuture.failedFuture(e);
        }
        return transport.dial(target, config.dialTimeout())
                .thenCompose(raw -> onLoop(raw, () -> upgrader.upgrade(raw, Direction.OUTBOUND,
                        expected.orElse(null), transport.remoteAddress(raw))))
                .thenApply(this::register)
                .orTimeout(config.dialTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    }

    private static <T> CompletableFuture<T> onLoop(Channel channel, Supplier<CompletableFuture<T>> task) {
        if (channel.eventLoop().inEventLoop()) {
            return task.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> task.get().whenComplete((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        }));
        return result;
    }

    private Transport transportFor(Multiaddr address) {
        Running current = running;
        if (current == null) {
            throw new IllegalStateException("host " + peerId + " is not started");
        }
        return current.transports().stream().filter(t -> t.handles(address)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no transport for " + address
                        + ": supported are tcp, ws and wss over ip4, ip6 and dns"));
    }

    /** Opens a stream for the first of {@code protocols} the peer takes, on an existing connection. */
    public CompletableFuture<MuxedStreamChannel> newStream(PeerId peer, List<String> protocols) {
        return connections.of(peer).stream().filter(Connection::isOpen).findFirst()
                .map(connection -> connection.newStream(protocols))
                .orElseGet(() -> CompletableFuture.failedFuture(new IOException("not connected to " + peer)));
    }

    /** Measures the round trip to a connected peer with {@value PingProtocol#ID}. */
    public CompletableFuture<Duration> ping(PeerId peer) {
        return newStream(peer, List.of(PingProtocol.ID)).thenCompose(stream -> PingProtocol.ping(stream)
                .whenComplete((rtt, failure) -> stream.close()));
    }

    /** Serves {@code protocol}; peers learn of it through identify (pushed when the host runs). */
    public void setStreamHandler(String protocol, StreamHandler handler) {
        handlers.add(protocol, handler);
    }

    /**
     * Serves {@code protocol} on framed streams (varint length-prefixed frames of at most
     * {@code maxFrameSize} bytes), for request/response protocols that need no Netty types.
     */
    public void setFramedHandler(String protocol, int maxFrameSize, FramedStreamHandler handler) {
        setStreamHandler(protocol, (connection, stream) -> handler.handle(
                new FramedStream(stream, connection.remotePeer(), connection.remoteAddress(), maxFrameSize)));
    }

    /** Opens a framed stream for the first of {@code protocols} the peer takes, on an existing connection. */
    public CompletableFuture<FramedStream> newFramedStream(PeerId peer, List<String> protocols, int maxFrameSize) {
        return connections.of(peer).stream().filter(Connection::isOpen).findFirst()
                .map(connection -> connection.newStream(protocols,
                        stream -> new FramedStream(stream, peer, connection.remoteAddress(), maxFrameSize)))
                .orElseGet(() -> CompletableFuture.failedFuture(new IOException("not connected to " + peer)));
    }

    public void removeStreamHandler(String protocol) {
        handlers.remove(protocol);
    }

    /** The protocol ids this host serves. */
    public List<String> protocols() {
        return handlers.protocols();
    }

    public void addConnectionListener(ConnectionListener listener) {
        connections.addListener(listener);
    }

    /** Called each time a peer identifies itself, on connect and on push. */
    public void addIdentifyListener(Consumer<PeerIdentity> listener) {
        identify.addListener(listener);
    }

    public Optional<PeerIdentity> identity(PeerId peer) {
        return identify.identity(peer);
    }

    public List<Connection> connections() {
        return connections.all();
    }

    public List<Connection> connections(PeerId peer) {
        return connections.of(peer);
    }

    public long connectionCount(Direction direction) {
        return connections.count(direction);
    }

    /** The event loops the host runs on, for protocols that schedule work (heartbeats, timeouts). */
    public EventLoopGroup eventLoops() {
        Running current = running;
        if (current == null) {
            throw new IllegalStateException("host " + peerId + " is not started");
        }
        return current.group();
    }

    private IdentifyMessage identifyMessage(Multiaddr observed) {
        return new IdentifyMessage(Optional.of(config.identity().publicKey()), listenAddresses(),
                Optional.of(observed), handlers.protocols(), IdentifyMessage.PROTOCOL_VERSION, config.agentVersion());
    }

    /** Stops listening, closes every connection, then the event loops. Does nothing when not started. */
    public synchronized CompletableFuture<Void> stop() {
        Running stopping = running;
        running = null;
        if (stopping == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<?>[] closing = listeners.stream().map(Transport.Listener::close)
                .toArray(CompletableFuture[]::new);
        listeners.clear();
        return CompletableFuture.allOf(closing)
                .thenCompose(ignored -> connections.closeAll())
                .handle((ignored, failure) -> null)
                .thenCompose(ignored -> {
                    CompletableFuture<Void> down = new CompletableFuture<>();
                    stopping.group().shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(done -> down.complete(null));
                    return down;
                });
    }
}
