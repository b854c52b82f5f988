package io.logos.delivery.libp2p.fuzz;

import com.google.protobuf.InvalidProtocolBufferException;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.AsyncTopicValidator;
import io.logos.delivery.libp2p.pubsub.ConnectionDirection;
import io.logos.delivery.libp2p.pubsub.ExchangedPeer;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.Message;
import io.logos.delivery.libp2p.pubsub.PublishResult;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.RPC;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * What {@link PubsubRpcFuzzTest} needs of the gossipsub package, whose router, RPC codec and stream
 * handler are package-private: they are reached by reflection (the tests run inside the module, which
 * is open to itself), so no public API exists for the fuzzer's sake. The state read for the bound
 * checks is named by field, so a renamed field fails the target at once rather than silently.
 * Also the reference decoder of RPC frames the codec is checked against.
 */
final class PubsubFuzzing {

    private static final String PACKAGE = "io.logos.delivery.libp2p.pubsub.gossipsub.";
    private static final Map<String, Field> FIELDS = new ConcurrentHashMap<>();
    private static final Map<String, Method> METHODS = new ConcurrentHashMap<>();

    private PubsubFuzzing() {
    }

    /** What the router emits, as {@code RouterOutput} declares it. */
    interface Output {
        void send(PeerId peer, RPC rpc);

        void dialExchangedPeers(List<ExchangedPeer> peers);

        void disconnect(PeerId peer);
    }

    /** A new {@code RpcCodec} with this frame limit. */
    static ChannelHandler rpcCodec(int maxFrameSize) {
        return (ChannelHandler) construct("RpcCodec", new Class<?>[] {int.class}, maxFrameSize);
    }

    /** A new {@code RpcStreamHandler} passing what it decodes to {@code router} through {@code executor}. */
    static ChannelHandler rpcStreamHandler(PeerId peer, Executor executor, BiConsumer<PeerId, RPC> router,
                                           boolean inbound) {
        return (ChannelHandler) construct("RpcStreamHandler",
                new Class<?>[] {PeerId.class, Executor.class, BiConsumer.class, boolean.class},
                peer, executor, router, inbound);
    }

    /** A {@code GossipRouter}, its calls and the parts of its state the fuzz target bounds. */
    @SuppressWarnings("unchecked")
    static final class Router {

        private final Object router;
        private final Object ctx;
        private final Object meshes;
        private final Object relay;

        Router(PeerId self, GossipSubConfig config, InstantSource clock, RandomGenerator random, Executor executor,
               Output output) {
            Class<?> outputType = type("RouterOutput");
            Object proxy = Proxy.newProxyInstance(outputType.getClassLoader(), new Class<?>[] {outputType},
                    (instance, method, args) -> switch (method.getName()) {
                        case "send" -> {
                            output.send((PeerId) args[0], (RPC) args[1]);
                            yield null;
                        }
                        case "dialExchangedPeers" -> {
                            output.dialExchangedPeers((List<ExchangedPeer>) args[0]);
                            yield null;
                        }
                        case "disconnect" -> {
                            output.disconnect((PeerId) args[0]);
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(instance);
                        case "equals" -> instance == args[0];
                        case "toString" -> "fuzz router output";
                        default -> throw new AssertionError("unexpected RouterOutput call " + method);
                    });
            this.router = construct("GossipRouter", new Class<?>[] {PeerId.class, GossipSubConfig.class,
                    InstantSource.class, RandomGenerator.class, Executor.class, outputType},
                    self, config, clock, random, executor, proxy);
            this.ctx = field(router, "ctx");
            this.meshes = field(router, "meshes");
            this.relay = field(router, "relay");
        }

        void addPeer(PeerId peer, String protocolId, ConnectionDirection direction, Optional<InetAddress> address) {
            call(router, "addPeer", peer, protocolId, direction, address);
        }

        void removePeer(PeerId peer) {
            call(router, "removePeer", peer);
        }

        void handleRpc(PeerId from, RPC rpc) {
            call(router, "handleRpc", from, rpc);
        }

        void heartbeat() {
            call(router, "heartbeat");
        }

        void decayScores() {
            call(router, "decayScores");
        }

        PublishResult publish(String topic, byte[] data) {
            return (PublishResult) call(router, "publish", topic, data);
        }

        void subscribe(String topic, Consumer<Message> handler) {
            call(router, "subscribe", topic, handler);
        }

        void unsubscribe(String topic, Consumer<Message> handler) {
            call(router, "unsubscribe", topic, handler);
        }

        Runnable addValidator(String topic, AsyncTopicValidator validator) {
            return (Runnable) call(router, "addValidator", topic, validator);
        }

        double score(PeerId peer) {
            return (double) call(router, "score", peer);
        }

        // ---- state ----

        /** Heartbeats run so far. */
        long heartbeats() {
            return (long) field(ctx, "heartbeats");
        }

        /** The connected peers, each with its {@code RemotePeer}. */
        Map<PeerId, Object> peers() {
            return (Map<PeerId, Object>) field(ctx, "peers");
        }

        /** The topics a {@code RemotePeer} announced. */
        static Set<String> topicsOf(Object remotePeer) {
            return (Set<String>) field(remotePeer, "topics");
        }

        /** The message ids a {@code RemotePeer} said it does not want. */
        static Map<?, Long> dontWantOf(Object remotePeer) {
            return (Map<?, Long>) field(remotePeer, "dontWant");
        }

        /** The index from topic to subscribed peers. */
        Map<String, Set<PeerId>> topicPeers() {
            return (Map<String, Set<PeerId>>) field(field(ctx, "topicPeers"), "peersByTopic");
        }

        Map<String, Set<PeerId>> meshes() {
            return (Map<String, Set<PeerId>>) field(meshes, "meshes");
        }

        Map<String, Set<PeerId>> fanouts() {
            return (Map<String, Set<PeerId>>) field(meshes, "fanouts");
        }

        Map<String, Instant> fanoutLastPublished() {
            return (Map<String, Instant>) field(meshes, "lastPublished");
        }

        /** The seen cache. */
        Map<?, ?> seen() {
            return (Map<?, ?>) field(field(relay, "seen"), "deliveries");
        }

        /** The message cache's messages by id. */
        Map<?, ?> cachedMessages() {
            return (Map<?, ?>) field(field(relay, "cache"), "messages");
        }

        /** The message cache's windows, newest first. */
        Collection<List<?>> cacheWindows() {
            return (Collection<List<?>>) field(field(relay, "cache"), "windows");
        }

        /** The IWANT promises: message id, then the advertising peer and its deadline. */
        Map<?, Map<PeerId, Instant>> promises() {
            return (Map<?, Map<PeerId, Instant>>) field(field(relay, "promises"), "deadlines");
        }

        int pendingValidations() {
            return (int) field(relay, "pendingValidations");
        }

        /** The prune backoffs: topic, then peer and the end of its backoff. */
        Map<String, Map<PeerId, Instant>> backoffs() {
            return (Map<String, Map<PeerId, Instant>>) field(field(ctx, "backoffs"), "endByTopic");
        }

        /** The score counters, by peer, of connected and retained peers. */
        Map<PeerId, Object> scoreStats() {
            return (Map<PeerId, Object>) field(field(ctx, "score"), "stats");
        }

        static boolean statsConnected(Object peerStats) {
            return (boolean) field(peerStats, "connected");
        }

        static Map<String, ?> statsTopics(Object peerStats) {
            return (Map<String, ?>) field(peerStats, "topics");
        }

        Map<InetAddress, Set<PeerId>> peersByAddress() {
            return (Map<InetAddress, Set<PeerId>>) field(field(ctx, "score"), "peersByAddress");
        }
    }

    /**
     * The reference the RPC codec is checked against: what a byte stream of varint-length-prefixed RPC
     * frames holds, whatever reads it was split into. Written from the framing spec (unsigned varint of at
     * most 9 bytes, minimally encoded; a frame above the limit is refused as soon as its length is known).
     */
    static final class FrameModel {

        private final int maxFrameSize;
        /** The RPCs of the complete frames so far. */
        final List<RPC> rpcs = new ArrayList<>();
        /** How the stream broke, or null. */
        Class<? extends DecoderException> failure;
        private byte[] pending = new byte[0];

        FrameModel(int maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
        }

        /** The peer sent {@code bytes}. */
        void append(byte[] bytes) {
            if (failure != null) {
                return;
            }
            pending = NoiseFuzzing.concat(pending, bytes);
            int position = 0;
            while (position < pending.length) {
                long length = 0;
                int prefix = -1;
                for (int i = 0; i < 9 && position + i < pending.length; i++) {
                    int b = pending[position + i] & 0xFF;
                    length |= (long) (b & 0x7F) << (7 * i);
                    if ((b & 0x80) == 0) {
                        if (b == 0 && i > 0) {
                            fail(CorruptedFrameException.class); // not minimal
                            return;
                        }
                        prefix = i + 1;
                        break;
                    }
                    if (i == 8) {
                        fail(CorruptedFrameException.class); // longer than 9 bytes
                        return;
                    }
                }
                if (prefix < 0) {
                    break; // the length is incomplete
                }
                if (length > maxFrameSize) {
                    fail(TooLongFrameException.class);
                    return;
                }
                if (pending.length - position - prefix < length) {
                    break; // the frame is incomplete
                }
                byte[] frame = Arrays.copyOfRange(pending, position + prefix, position + prefix + (int) length);
                try {
                    rpcs.add(RPC.parseFrom(frame));
                } catch (InvalidProtocolBufferException e) {
                    fail(CorruptedFrameException.class);
                    return;
                }
                position += prefix + (int) length;
            }
            pending = Arrays.copyOfRange(pending, position, pending.length);
        }

        /** The stream ended (half-close or close): inside a frame, that is a failure. */
        void end() {
            if (failure == null && pending.length > 0) {
                fail(CorruptedFrameException.class);
            }
        }

        private void fail(Class<? extends DecoderException> type) {
            failure = type;
            pending = new byte[0];
        }
    }

    // ---- reflection ----

    private static Class<?> type(String simpleName) {
        try {
            return Class.forName(PACKAGE + simpleName);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static Object construct(String simpleName, Class<?>[] parameters, Object... args) {
        try {
            Constructor<?> constructor = type(simpleName).getDeclaredConstructor(parameters);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw rethrown(e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Calls the one method of that name; what it throws is thrown as is. */
    private static Object call(Object target, String name, Object... args) {
        Method method = METHODS.computeIfAbsent(target.getClass().getName() + '#' + name, key -> {
            List<Method> found = Arrays.stream(target.getClass().getDeclaredMethods())
                    .filter(m -> m.getName().equals(name)).toList();
            if (found.size() != 1) {
                throw new AssertionError(found.size() + " methods " + key);
            }
            found.getFirst().setAccessible(true);
            return found.getFirst();
        });
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw rethrown(e);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static Object field(Object target, String name) {
        Field field = FIELDS.computeIfAbsent(target.getClass().getName() + '#' + name, key -> {
            try {
                Field found = target.getClass().getDeclaredField(name);
                found.setAccessible(true);
                return found;
            } catch (NoSuchFieldException e) {
                throw new AssertionError("no field " + key, e);
            }
        });
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static RuntimeException rethrown(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new AssertionError(cause);
    }
}
