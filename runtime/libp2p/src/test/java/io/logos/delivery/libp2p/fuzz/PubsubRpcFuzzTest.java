package io.logos.delivery.libp2p.fuzz;

import static io.logos.delivery.libp2p.fuzz.FuzzSupport.drainOutbound;
import static io.logos.delivery.libp2p.fuzz.FuzzSupport.expectOneOf;
import static io.logos.delivery.libp2p.fuzz.FuzzSupport.withinBudget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import io.logos.delivery.libp2p.multiformats.Varint;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.ConnectionDirection;
import io.logos.delivery.libp2p.pubsub.ExchangedPeer;
import io.logos.delivery.libp2p.pubsub.GossipParams;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.Message;
import io.logos.delivery.libp2p.pubsub.MessageIdFunction;
import io.logos.delivery.libp2p.pubsub.PeerScoreParams;
import io.logos.delivery.libp2p.pubsub.PeerScoreThresholds;
import io.logos.delivery.libp2p.pubsub.PublishResult;
import io.logos.delivery.libp2p.pubsub.TopicScoreParams;
import io.logos.delivery.libp2p.pubsub.ValidationResult;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlGraft;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlIDontWant;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlIHave;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlIWant;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlMessage;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlPrune;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.PeerInfo;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.RPC;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Gossipsub RPCs from peers, through both parts that read them: the bytes of one peer's pubsub stream
 * go through the RPC codec and stream handler (on an EmbeddedChannel standing in for the muxed stream)
 * into a gossipsub router, and RPCs built from fields (subscriptions; messages with any fields, author,
 * sequence number, signature and key included; IHAVE, IWANT, GRAFT, PRUNE with backoffs and exchanged
 * peers, IDONTWANT, with any counts and ids) reach the same router from five more peers, between
 * heartbeats, time passing, peers leaving and coming back, and this side subscribing, publishing and
 * finishing asynchronous validations. The router runs on a fake clock with small limits, so that a
 * few KiB of input reach every one of them.
 *
 * <p>Input: a configuration byte ({@link #config}), the stream's setup (bits 0-1: the router executor
 * the stream handler hands RPCs to, running them at once, queueing them until an operation drains the
 * queue, or refusing them as a closed router does; bit 2: our outbound stream rather than the peer's
 * inbound one), a random seed, one byte per peer (bit 0: not connected at first; bits 1-2: protocol;
 * bit 3: inbound; bits 4-5: IP address), then operations (see {@link Harness#run}; RPC fields as
 * {@link Harness#rpc} reads them).
 *
 * <p>Contract of the stream: exactly the RPCs of the complete, valid frames reach the router, in
 * order, however the bytes were split into reads (checked against {@link PubsubFuzzing.FrameModel});
 * anything else (a malformed length, one above the frame limit, a malformed protobuf, the stream ending
 * inside a frame) closes this stream, after the RPCs before it, with a {@link CorruptedFrameException}
 * or a {@link TooLongFrameException}, and nothing reaches the end of its pipeline; a half-closed
 * inbound stream is closed (our outbound stream stays open, and a frame the peer cut short there fails
 * only when the stream closes, as ByteToMessageCodec does not pass the half-close on to its decoder);
 * a refused RPC closes the stream; while 64 RPCs of the stream wait for the
 * router, it does not read, and it reads again once they ran; every ByteBuf is released.
 *
 * <p>Contract of the router: no exception escapes; its state stays within the configured limits after
 * every operation (topics per peer and their length, the topic index matching the peers' subscriptions,
 * IDONTWANT ids per peer, the seen cache, the message cache holding only the messages of its windows,
 * IWANT promises within the per-heartbeat IHAVE budget and expiring at the follow-up time, pending
 * validations, meshes and fanouts made of connected peers and of bounded size after a heartbeat,
 * backoffs only for our topics, capped in length and expiring, score counters only for our topics and
 * known peers); what it sends fits a frame, encodes as one, goes to connected peers only, and is
 * proportional to what it was sent (a bounded amount per heartbeat or own call); exchanged peers are
 * neither us nor connected, at most {@code prunePeers} per PRUNE.
 */
class PubsubRpcFuzzTest {

    /** Topics this side joins: "a" has a synchronous validator, "b" an asynchronous one; "c" is published to only. */
    static final List<String> LOCAL_TOPICS = List.of("a", "b", "/waku/2/rs/1/0", "c");
    /** Topics peers name: ours, one only peers use, and the empty topic. */
    static final List<String> TOPICS = List.of("a", "b", "/waku/2/rs/1/0", "c", "x", "");
    static final PeerId SELF = peer("self");
    /** The peers; the first one's RPCs come through the stream. */
    static final List<PeerId> PEERS = IntStream.range(0, 6).mapToObj(i -> peer("peer-" + i)).toList();
    /** Peers only ever named in peer exchange. */
    static final List<PeerId> STRANGERS = IntStream.range(0, 8).mapToObj(i -> peer("stranger-" + i)).toList();
    static final List<String> PROTOCOLS = List.of(GossipSubConfig.MESHSUB_1_2, GossipSubConfig.WAKU_RELAY,
            GossipSubConfig.MESHSUB_1_1, GossipSubConfig.MESHSUB_1_0);
    static final List<Optional<InetAddress>> ADDRESSES = List.of(Optional.empty(), address(1), address(1), address(2));
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** RpcStreamHandler stops reading while this many RPCs of a stream wait for the router. */
    static final int MAX_WAITING_RPCS = 64;
    static final int MAX_OPERATIONS = 256;
    /** The longest backoff a PRUNE can make us keep. */
    static final Duration MAX_BACKOFF = Duration.ofHours(1);

    static final int DIRECT = 0;
    static final int QUEUED = 1;
    static final int REJECTING = 2;

    @FuzzTest
    void routesPeerRpcsWithinBounds(byte[] input) throws Exception {
        withinBudget(() -> new Harness(new FuzzInput(input)).run());
    }

    /**
     * The router's configuration. Bit 0: Waku relay's rather than plain gossipsub's; bit 1: peer exchange;
     * bit 2: flood publishing; bit 3: disconnect graylisted peers; bit 4: 1 KiB frames; bit 5: topic scoring
     * with every component (mesh deliveries and failures included), behaviour and colocation penalties;
     * bit 6: tight thresholds, so peers get graylisted.
     */
    static GossipSubConfig config(int setup) {
        GossipSubConfig base = (setup & 1) == 0 ? GossipSubConfig.defaults() : GossipSubConfig.wakuRelay();
        GossipParams.Builder gossip = base.gossip().toBuilder()
                .degrees(3, 2, 4).dOut(1).dScore(2).dLazy(2)
                .heartbeatInterval(HEARTBEAT)
                .historyLength(3).historyGossip(2)
                .fanoutTtl(Duration.ofSeconds(20))
                .seenTtl(Duration.ofSeconds(30))
                .pruneBackoff(Duration.ofSeconds(10))
                .unsubscribeBackoff(Duration.ofSeconds(2))
                .backoffSlack(Duration.ofSeconds(1))
                .gossipRetransmission(2)
                .maxIHaveLength(8)
                .maxIHaveMessages(2)
                .iwantFollowupTime(Duration.ofSeconds(3))
                .graftFloodThreshold(Duration.ofSeconds(5))
                .opportunisticGraftTicks(3)
                .opportunisticGraftPeers(1)
                .prunePeers(4)
                .peerExchange((setup & 2) != 0)
                .floodPublish((setup & 4) != 0)
                .disconnectBadPeers((setup & 8) != 0)
                .idontwantMessageThreshold(16)
                .maxIDontWantMessages(8)
                .idontwantHeartbeats(2)
                .maxSubscriptionsPerPeer(4)
                .maxTopicLength(24)
                .maxMessageIdLength(40)
                .maxPendingValidations(3)
                .maxSeenMessages(8);
        if ((setup & 16) != 0) {
            gossip.maxMessageSize(1024);
        }
        PeerScoreParams score = base.score();
        if ((setup & 32) != 0) {
            score = score.toBuilder()
                    .defaultTopicParams(new TopicScoreParams.Builder()
                            .timeInMesh(0.1, Duration.ofSeconds(1), 5)
                            .firstMessageDeliveries(1, 0.5, 5)
                            .meshMessageDeliveries(-1, 0.5, 2, 4, Duration.ofSeconds(2), Duration.ofMillis(500))
                            .meshFailurePenalty(-1, 0.5)
                            .invalidMessageDeliveries(-10, 0.5)
                            .build())
                    .behaviourPenalty(-1, 1, 0.9)
                    .ipColocationFactor(-1, 1)
                    .build();
        }
        PeerScoreThresholds thresholds = (setup & 64) != 0
                ? new PeerScoreThresholds(-1, -2, -4, 1, 1)
                : base.thresholds();
        return base.withGossip(gossip.build()).withScore(score).withThresholds(thresholds);
    }

    /** A peer id: the SHA-256 multihash of a name. */
    static PeerId peer(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return PeerId.fromBytes(NoiseFuzzing.concat(new byte[] {0x12, 0x20}, digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<InetAddress> address(int last) {
        try {
            return Optional.of(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last}));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock that moves only when told to. */
    private static final class FakeClock implements InstantSource {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    /** What happened between two heartbeats, for the bounds that span several. */
    private static final class Period {
        /** RPCs carrying IHAVE, per sender. */
        final Map<PeerId, Integer> ihaveRpcs = new HashMap<>();
        /** How often each peer was connected in the period (a reconnected peer has fresh budgets). */
        final Map<PeerId, Integer> connections = new HashMap<>();
        /** Messages received, published or validated. */
        int messages;
    }

    /** One pubsub stream of the first peer, and what came out of it. */
    private static final class Stream {
        final FuzzSupport.TrackingAllocator allocator = new FuzzSupport.TrackingAllocator();
        final EmbeddedChannel channel = new EmbeddedChannel();
        final PubsubFuzzing.FrameModel model;
        final List<RPC> decoded = new ArrayList<>();
        final List<Throwable> failures = new ArrayList<>();
        /** RPCs handed to the queueing executor and not run yet. */
        int waiting;
        boolean rejected;
        boolean halfClosed;
        boolean closedHere;

        Stream(int maxFrameSize) {
            model = new PubsubFuzzing.FrameModel(maxFrameSize);
            channel.config().setAllocator(allocator);
        }
    }

    private record Task(Stream stream, Runnable task) {
    }

    private static final class Harness implements PubsubFuzzing.Output {

        final FuzzInput in;
        final GossipSubConfig config;
        final GossipParams params;
        final int maxFrame;
        final FakeClock clock = new FakeClock();
        final PubsubFuzzing.Router router;
        final int executorMode;
        final boolean inboundStream;
        final Set<PeerId> connected = new LinkedHashSet<>();
        final Set<String> joined = new LinkedHashSet<>();
        final Consumer<Message> handler = this::delivered;
        final List<CompletableFuture<ValidationResult>> validations = new ArrayList<>();
        final List<byte[]> knownData = new ArrayList<>();
        final List<byte[]> knownIds = new ArrayList<>();
        final ArrayDeque<Task> queue = new ArrayDeque<>();
        final ArrayDeque<Period> periods = new ArrayDeque<>();
        final FuzzSupport.TrackingAllocator encoderAllocator = new FuzzSupport.TrackingAllocator();
        final EmbeddedChannel encoder;
        Stream stream;
        Instant lastHeartbeat;
        Throwable failure;
        long sent;
        long allowed;
        int exchanged;
        int allowedExchanged;

        Harness(FuzzInput in) {
            this.in = in;
            this.config = config(in.u8());
            this.params = config.gossip();
            this.maxFrame = params.maxMessageSize();
            int streamSetup = in.u8();
            this.executorMode = (streamSetup & 3) % 3;
            this.inboundStream = (streamSetup & 4) == 0;
            this.router = new PubsubFuzzing.Router(SELF, config, clock, new SplittableRandom(in.u8()), Runnable::run,
                    this);
            this.encoder = new EmbeddedChannel(PubsubFuzzing.rpcCodec(maxFrame));
            encoder.config().setAllocator(encoderAllocator);
            periods.addFirst(new Period());
            router.addValidator("a", message -> {
                int first = message.data().length == 0 ? 255 : message.data()[0] & 0xFF;
                return switch (first) {
                    case 0 -> CompletableFuture.completedFuture(ValidationResult.REJECT);
                    case 1 -> CompletableFuture.completedFuture(ValidationResult.IGNORE);
                    case 2 -> throw new IllegalStateException("a validator that throws");
                    default -> CompletableFuture.completedFuture(ValidationResult.ACCEPT);
                };
            });
            router.addValidator("b", message -> {
                CompletableFuture<ValidationResult> result = new CompletableFuture<>();
                validations.add(result);
                return result;
            });
            for (String topic : LOCAL_TOPICS.subList(0, 3)) {
                joined.add(topic);
                router.subscribe(topic, handler);
            }
            for (PeerId peer : PEERS) {
                int setup = in.u8();
                if ((setup & 1) == 0) {
                    connect(peer, setup);
                }
            }
            newStream();
        }

        /**
         * Operations, by the first byte modulo 12: 0 raw bytes into the stream (u16 length); 1 an RPC framed
         * into the stream, in two reads cut at a u16; 2 an RPC from peer u8 to the router; 3 a heartbeat (and
         * a score decay when the byte is 128 or more); 4 time passes (u16 tenths of seconds); 5 we publish;
         * 6 we join or leave a topic; 7 a peer connects or disconnects; 8 a pending validation finishes; 9 the
         * queued RPCs run (u8 of them, 0: all); 10 the peer half-closes the stream; 11 the stream is closed.
         * A new stream replaces a closed one. At the end the queued RPCs run and the stream closes.
         */
        void run() {
            for (int count = 0; in.hasMore() && count < MAX_OPERATIONS; count++) {
                beginOperation();
                int op = in.u8();
                switch (op % 12) {
                    case 0 -> inject(in.chunk());
                    case 1 -> {
                        byte[] frame = frame(rpc());
                        int cut = in.u16() % (frame.length + 1);
                        inject(Arrays.copyOf(frame, cut));
                        inject(Arrays.copyOfRange(frame, cut, frame.length));
                    }
                    case 2 -> {
                        PeerId from = PEERS.get(in.u8() % PEERS.size());
                        RPC rpc = rpc();
                        if (rpc.getSerializedSize() <= maxFrame) { // no peer can send a larger one
                            handle(from, rpc);
                        }
                    }
                    case 3 -> heartbeat(op >= 128);
                    case 4 -> clock.advance(Duration.ofMillis(100L * in.u16()));
                    case 5 -> publish();
                    case 6 -> toggleSubscription(LOCAL_TOPICS.get(in.u8() % LOCAL_TOPICS.size()));
                    case 7 -> toggleConnection(PEERS.get(in.u8() % PEERS.size()), in.u8());
                    case 8 -> finishValidation(in.u8());
                    case 9 -> drain(in.u8());
                    case 10 -> endStream(true);
                    default -> endStream(false);
                }
                afterOperation((op % 12) == 3);
            }
            beginOperation();
            drain(0);
            closeStream();
            afterOperation(false);
            encoder.finishAndReleaseAll();
            encoderAllocator.assertAllReleased("after encoding what the router sent");
        }

        /** Starts counting what the router sends, against a little slack for the operation's own RPCs. */
        void beginOperation() {
            sent = 0;
            allowed = 256;
            exchanged = 0;
            allowedExchanged = 0;
        }

        // ---- the stream ----

        void newStream() {
            Stream created = new Stream(maxFrame);
            Executor executor = switch (executorMode) {
                case QUEUED -> task -> {
                    created.waiting++;
                    queue.add(new Task(created, task));
                };
                case REJECTING -> task -> {
                    created.rejected = true;
                    throw new RejectedExecutionException("pubsub is closed");
                };
                default -> Runnable::run;
            };
            created.channel.pipeline().addLast(
                    PubsubFuzzing.rpcCodec(maxFrame),
                    new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            created.decoded.add((RPC) msg);
                            ctx.fireChannelRead(msg);
                        }

                        @Override
                        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                            created.failures.add(cause);
                            ctx.fireExceptionCaught(cause);
                        }
                    },
                    PubsubFuzzing.rpcStreamHandler(PEERS.getFirst(), executor, this::handle, inboundStream));
            stream = created;
        }

        void inject(byte[] bytes) {
            if (!stream.channel.isOpen()) {
                newStream();
            }
            Stream current = stream;
            current.model.append(bytes);
            current.channel.writeInbound(current.allocator.buffer(bytes.length).writeBytes(bytes));
            if (current.rejected) {
                current.model.end(); // the handler closed the stream; its decoder then met the end
            }
            checkStream(current);
        }

        void endStream(boolean halfClose) {
            Stream current = stream;
            if (halfClose && current.channel.isOpen()) {
                current.halfClosed = true;
                current.channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
                current.channel.runPendingTasks();
                if (inboundStream) {
                    // the handler closes it, and its decoder then meets the end; our outbound stream stays
                    // open, and as ByteToMessageCodec does not pass the half-close on to its decoder, a frame
                    // cut short fails only when the stream closes
                    current.model.end();
                }
                checkStream(current);
            }
            closeStream();
            newStream();
        }

        void closeStream() {
            Stream current = stream;
            current.closedHere = true;
            current.channel.finishAndReleaseAll();
            current.model.end();
            checkStream(current);
            current.allocator.assertAllReleased("after the stream closed");
        }

        void checkStream(Stream current) {
            current.channel.checkException(); // nothing reached the end of the pipeline
            assertEquals(current.model.rpcs, current.decoded, "the RPCs decoded are not those of the frames sent");
            for (Throwable thrown : current.failures) {
                expectOneOf(thrown, CorruptedFrameException.class, TooLongFrameException.class);
            }
            if (current.model.failure != null) {
                assertFalse(current.failures.isEmpty(), "a broken stream failed with no exception");
                assertEquals(current.model.failure, current.failures.getFirst().getClass(), "the wrong failure");
            } else {
                assertTrue(current.failures.isEmpty(), "a failure without a broken frame");
            }
            boolean open = current.model.failure == null && !current.rejected && !current.closedHere
                    && !(current.halfClosed && inboundStream);
            assertEquals(open, current.channel.isOpen(), "the stream is " + (open ? "closed" : "open"));
            if (open && current.waiting >= MAX_WAITING_RPCS) {
                assertFalse(current.channel.config().isAutoRead(), "the stream reads on with RPCs piling up");
            }
        }

        /** Runs {@code count} queued RPCs (0: all). */
        void drain(int count) {
            for (int i = 0; (count == 0 || i < count) && !queue.isEmpty(); i++) {
                Task task = queue.poll();
                task.stream().waiting--;
                task.task().run();
            }
            stream.channel.runPendingTasks();
            if (stream.channel.isOpen() && stream.waiting == 0) {
                assertTrue(stream.channel.config().isAutoRead(), "the stream does not read again after the RPCs ran");
            }
        }

        // ---- the router ----

        /** An RPC from {@code from} reaches the router: it may answer in proportion. */
        void handle(PeerId from, RPC rpc) {
            ControlMessage control = rpc.getControl();
            long ids = control.getIwantList().stream().mapToLong(ControlIWant::getMessageIDsCount).sum();
            long answers = rpc.getPublishCount() + control.getGraftCount() + control.getPruneCount() + 1;
            allowed += PEERS.size() * (2L * rpc.getSerializedSize() + 64 * answers)
                    + ids * (maxFrame + 16)
                    + control.getGraftCount() * (params.prunePeers() * 64L + 64);
            allowedExchanged += control.getPruneCount() * params.prunePeers();
            Period current = periods.getFirst();
            current.messages += rpc.getPublishCount();
            if (control.getIhaveCount() > 0) {
                current.ihaveRpcs.merge(from, 1, Integer::sum);
            }
            try {
                router.handleRpc(from, rpc);
            } catch (Throwable e) {
                failed(e);
            }
        }

        void heartbeat(boolean decay) {
            clock.advance(HEARTBEAT);
            allowed += PEERS.size() * (long) (LOCAL_TOPICS.size() + 2)
                    * (params.maxIHaveLength() * (params.maxMessageIdLength() + 4L) + params.prunePeers() * 64L + 128);
            router.heartbeat();
            if (decay) {
                router.decayScores();
            }
            lastHeartbeat = clock.instant();
            Period next = new Period();
            connected.forEach(peer -> next.connections.put(peer, 1));
            periods.addFirst(next);
            while (periods.size() > 8) {
                periods.removeLast();
            }
        }

        void publish() {
            String topic = TOPICS.get(in.u8() % (TOPICS.size() - 1)); // not the blank topic: that is refused
            byte[] data = in.bool() ? filler() : in.bytes(in.u8());
            remember(data);
            allowed += PEERS.size() * (data.length + 128L);
            periods.getFirst().messages++;
            PublishResult result = router.publish(topic, data);
            RpcProto.Message message = RpcProto.Message.newBuilder().setTopic(topic)
                    .setData(ByteString.copyFrom(data)).build();
            boolean tooLarge = RPC.newBuilder().addPublish(message).build().getSerializedSize() > maxFrame;
            assertEquals(tooLarge, result.status() == PublishResult.Status.TOO_LARGE, "publish: " + result);
        }

        void toggleSubscription(String topic) {
            allowed += PEERS.size() * (params.prunePeers() * 64L + 128);
            if (joined.remove(topic)) {
                router.unsubscribe(topic, handler);
            } else {
                joined.add(topic);
                router.subscribe(topic, handler);
            }
        }

        void toggleConnection(PeerId peer, int setup) {
            if (connected.remove(peer)) {
                router.removePeer(peer);
            } else {
                connect(peer, setup);
            }
        }

        void connect(PeerId peer, int setup) {
            allowed += LOCAL_TOPICS.size() * 64L;
            connected.add(peer);
            periods.getFirst().connections.merge(peer, 1, Integer::sum);
            router.addPeer(peer, PROTOCOLS.get((setup >> 1) & 3),
                    (setup & 8) == 0 ? ConnectionDirection.OUTBOUND : ConnectionDirection.INBOUND,
                    ADDRESSES.get((setup >> 4) & 3));
        }

        /** Finishes pending validation {@code choice} (low bits) with a result or a failure (bits 4-5). */
        void finishValidation(int choice) {
            if (validations.isEmpty()) {
                return;
            }
            CompletableFuture<ValidationResult> validation = validations.remove(choice % validations.size());
            allowed += PEERS.size() * (maxFrame + 128L);
            periods.getFirst().messages++;
            switch ((choice >> 4) & 3) {
                case 0 -> validation.complete(ValidationResult.ACCEPT);
                case 1 -> validation.complete(ValidationResult.REJECT);
                case 2 -> validation.complete(ValidationResult.IGNORE);
                default -> validation.completeExceptionally(new IllegalStateException("validation failed"));
            }
        }

        void delivered(Message message) {
            if (!LOCAL_TOPICS.contains(message.topic())) {
                failed(new AssertionError("delivered a message of topic " + message.topic()));
            }
        }

        void failed(Throwable e) {
            if (failure == null) {
                failure = e;
            }
        }

        // ---- what the router sends ----

        @Override
        public void send(PeerId peer, RPC rpc) {
            try {
                assertNotEquals(SELF, peer, "sent an RPC to ourselves");
                assertTrue(connected.contains(peer), "sent an RPC to " + peer + ", which is not connected");
                int size = rpc.getSerializedSize();
                assertTrue(size <= maxFrame, "sent an RPC of " + size + " bytes, above the frame limit");
                encoder.writeOutbound(rpc);
                byte[] frame = drainOutbound(encoder);
                assertEquals(Varint.encodedLength(size) + size, frame.length, "the frame of an RPC sent");
                sent += frame.length;
            } catch (Throwable e) {
                failed(e);
                throw e;
            }
        }

        @Override
        public void dialExchangedPeers(List<ExchangedPeer> peers) {
            try {
                for (ExchangedPeer peer : peers) {
                    assertNotEquals(SELF, peer.peerId(), "offered ourselves to dial");
                    assertFalse(connected.contains(peer.peerId()), "offered a connected peer to dial");
                }
                exchanged += peers.size();
            } catch (Throwable e) {
                failed(e);
                throw e;
            }
        }

        @Override
        public void disconnect(PeerId peer) {
            try {
                assertTrue(params.disconnectBadPeers(), "asked to disconnect a peer, which is not configured");
                assertTrue(connected.contains(peer), "asked to disconnect a peer not connected");
                assertTrue(router.score(peer) < config.thresholds().graylistThreshold(),
                        "asked to disconnect a peer that is not graylisted");
            } catch (Throwable e) {
                failed(e);
                throw e;
            }
        }

        // ---- the checks after every operation ----

        void afterOperation(boolean heartbeat) {
            if (failure != null) {
                throw new AssertionError("the router failed: " + failure, failure);
            }
            assertTrue(sent <= allowed, "the router sent " + sent + " bytes, more than the " + allowed
                    + " the operation accounts for");
            assertTrue(exchanged <= allowedExchanged, "exchanged " + exchanged + " peers, more than " + allowedExchanged);
            checkState(heartbeat);
        }

        void checkState(boolean afterHeartbeat) {
            Instant now = clock.instant();
            Map<PeerId, Object> peers = router.peers();
            assertEquals(connected, peers.keySet(), "the router's peers");

            // subscriptions, their index, IDONTWANT, scores
            Map<String, Set<PeerId>> index = new HashMap<>();
            int dontWantLimit = (params.idontwantHeartbeats() + 1) * params.maxIDontWantMessages();
            for (Map.Entry<PeerId, Object> entry : peers.entrySet()) {
                Set<String> topics = PubsubFuzzing.Router.topicsOf(entry.getValue());
                assertTrue(topics.size() <= params.maxSubscriptionsPerPeer(), "a peer has " + topics.size() + " topics");
                for (String topic : topics) {
                    assertTrue(!topic.isEmpty() && topic.length() <= params.maxTopicLength(), "tracked topic " + topic);
                    index.computeIfAbsent(topic, t -> new HashSet<>()).add(entry.getKey());
                }
                int dontWant = PubsubFuzzing.Router.dontWantOf(entry.getValue()).size();
                assertTrue(dontWant <= dontWantLimit, "a peer has " + dontWant + " IDONTWANT ids");
                assertFalse(Double.isNaN(router.score(entry.getKey())), "a score is NaN");
            }
            assertEquals(index, router.topicPeers(), "the topic index does not match the peers' subscriptions");

            // meshes and fanout
            Map<String, Set<PeerId>> meshes = router.meshes();
            assertEquals(joined, meshes.keySet(), "the meshes");
            int meshLimit = Math.max(params.dHigh(), params.d() + params.dOut()) + params.opportunisticGraftPeers();
            for (Set<PeerId> mesh : meshes.values()) {
                assertTrue(connected.containsAll(mesh), "a mesh holds a peer not connected");
                assertTrue(!afterHeartbeat || mesh.size() <= meshLimit, "a mesh of " + mesh.size() + " after a heartbeat");
            }
            Map<String, Set<PeerId>> fanouts = router.fanouts();
            assertEquals(fanouts.keySet(), router.fanoutLastPublished().keySet(), "fanout topics");
            for (Map.Entry<String, Set<PeerId>> fanout : fanouts.entrySet()) {
                assertFalse(joined.contains(fanout.getKey()), "a fanout for a joined topic");
                assertTrue(index.getOrDefault(fanout.getKey(), Set.of()).containsAll(fanout.getValue()),
                        "a fanout holds a peer not subscribed");
                assertTrue(fanout.getValue().size() <= params.d(), "a fanout of " + fanout.getValue().size());
            }

            // seen and message caches
            assertTrue(router.seen().size() <= params.maxSeenMessages(), "the seen cache holds " + router.seen().size());
            int windowed = router.cacheWindows().stream().mapToInt(List::size).sum();
            assertEquals(params.historyLength(), router.cacheWindows().size(), "message cache windows");
            assertEquals(windowed, router.cachedMessages().size(), "the message cache holds messages of no window");
            int recent = periods.stream().limit(params.historyLength()).mapToInt(period -> period.messages).sum();
            assertTrue(windowed <= recent, "the message cache holds " + windowed + " messages of " + recent + " recent");

            // IWANT promises: at most one per IHAVE RPC within the budget, expiring at the follow-up time
            int promises = 0;
            for (Map<PeerId, Instant> byPeer : router.promises().values()) {
                assertFalse(byPeer.isEmpty(), "a promise without peers");
                for (Map.Entry<PeerId, Instant> promise : byPeer.entrySet()) {
                    promises++;
                    assertTrue(PEERS.contains(promise.getKey()), "a promise of an unknown peer");
                    assertFalse(promise.getValue().isAfter(now.plus(params.iwantFollowupTime())), "a promise too far ahead");
                    assertTrue(lastHeartbeat == null || promise.getValue().isAfter(lastHeartbeat),
                            "a broken promise outlived the heartbeat");
                }
            }
            long window = params.iwantFollowupTime().dividedBy(HEARTBEAT) + 2;
            int promiseBound = periods.stream().limit(window).mapToInt(period -> period.ihaveRpcs.entrySet().stream()
                    .mapToInt(e -> Math.min(e.getValue(),
                            params.maxIHaveMessages() * period.connections.getOrDefault(e.getKey(), 0)))
                    .sum()).sum();
            assertTrue(promises <= promiseBound, promises + " IWANT promises, more than the " + promiseBound + " allowed");

            // validation
            assertEquals(validations.size(), router.pendingValidations(), "pending validations");
            assertTrue(validations.size() <= params.maxPendingValidations(), validations.size() + " pending validations");

            // backoffs
            for (Map.Entry<String, Map<PeerId, Instant>> topic : router.backoffs().entrySet()) {
                assertTrue(LOCAL_TOPICS.contains(topic.getKey()), "a backoff in topic " + topic.getKey());
                assertFalse(topic.getValue().isEmpty(), "an empty backoff topic");
                for (Map.Entry<PeerId, Instant> backoff : topic.getValue().entrySet()) {
                    assertTrue(PEERS.contains(backoff.getKey()), "a backoff of an unknown peer");
                    assertFalse(backoff.getValue().isAfter(now.plus(MAX_BACKOFF)), "a backoff above the cap");
                    assertTrue(!afterHeartbeat || now.isBefore(backoff.getValue().plus(params.backoffSlack())),
                            "an expired backoff outlived the heartbeat");
                }
            }

            // score counters
            for (Map.Entry<PeerId, Object> stats : router.scoreStats().entrySet()) {
                assertTrue(PEERS.contains(stats.getKey()), "score counters of an unknown peer");
                assertEquals(connected.contains(stats.getKey()), PubsubFuzzing.Router.statsConnected(stats.getValue()),
                        "score counters disagree on being connected");
                assertTrue(LOCAL_TOPICS.containsAll(PubsubFuzzing.Router.statsTopics(stats.getValue()).keySet()),
                        "score counters of a topic we never joined");
            }
            assertTrue(router.scoreStats().keySet().containsAll(connected), "a connected peer without score counters");
            for (Set<PeerId> colocated : router.peersByAddress().values()) {
                assertFalse(colocated.isEmpty(), "an address without peers");
                assertTrue(connected.containsAll(colocated), "a disconnected peer counts towards colocation");
            }
        }

        // ---- RPCs from fields ----

        /**
         * An RPC: a byte of parts (bit 0 subscriptions, bit 1 messages, bit 2 control), then for each part a
         * count byte and the entries. A subscription: flags (bit 0: no subscribe field, bit 1: subscribe,
         * bit 2: no topic), the topic. A control message: a byte of kinds (bit 0 IHAVE, 1 IWANT, 2 GRAFT,
         * 3 PRUNE, 4 IDONTWANT), for each a count byte and the entries.
         */
        RPC rpc() {
            RPC.Builder rpc = RPC.newBuilder();
            int parts = in.u8();
            if ((parts & 1) != 0) {
                for (int n = in.u8() % 16; n > 0; n--) {
                    int flags = in.u8();
                    RPC.SubOpts.Builder sub = RPC.SubOpts.newBuilder();
                    if ((flags & 1) == 0) {
                        sub.setSubscribe((flags & 2) != 0);
                    }
                    if ((flags & 4) == 0) {
                        sub.setTopicid(topic());
                    }
                    rpc.addSubscriptions(sub);
                }
            }
            if ((parts & 2) != 0) {
                for (int n = in.u8() % 4; n > 0; n--) {
                    rpc.addPublish(message());
                }
            }
            if ((parts & 4) != 0) {
                rpc.setControl(control());
            }
            return rpc.build();
        }

        /**
         * A message: flags (bit 0 from, bit 1 seqno, bit 2 signature, bit 3 key, bit 4 no topic; bits 5-6 the
         * data: 0 u8 length and bytes, 1 the data of an earlier message (u8), 2 filler of a u16 size, 3 none),
         * then the fields in that order.
         */
        RpcProto.Message message() {
            int flags = in.u8();
            RpcProto.Message.Builder message = RpcProto.Message.newBuilder();
            if ((flags & 1) != 0) {
                message.setFrom(ByteString.copyFrom(in.bytes(in.u8() % 48)));
            }
            if ((flags & 2) != 0) {
                message.setSeqno(ByteString.copyFrom(in.bytes(8)));
            }
            if ((flags & 4) != 0) {
                message.setSignature(ByteString.copyFrom(in.bytes(in.u8())));
            }
            if ((flags & 8) != 0) {
                message.setKey(ByteString.copyFrom(in.bytes(in.u8())));
            }
            if ((flags & 16) == 0) {
                message.setTopic(topic());
            }
            byte[] data = switch ((flags >> 5) & 3) {
                case 0 -> in.bytes(in.u8());
                case 1 -> knownData.isEmpty() ? new byte[] {(byte) in.u8()} : knownData.get(in.u8() % knownData.size());
                case 2 -> filler();
                default -> null;
            };
            if (data != null) {
                remember(data);
                message.setData(ByteString.copyFrom(data));
            }
            return message.build();
        }

        ControlMessage control() {
            ControlMessage.Builder control = ControlMessage.newBuilder();
            int kinds = in.u8();
            if ((kinds & 1) != 0) {
                for (int n = in.u8() % 4; n > 0; n--) {
                    control.addIhave(ControlIHave.newBuilder().setTopicID(topic()).addAllMessageIDs(ids()));
                }
            }
            if ((kinds & 2) != 0) {
                for (int n = in.u8() % 4; n > 0; n--) {
                    control.addIwant(ControlIWant.newBuilder().addAllMessageIDs(ids()));
                }
            }
            if ((kinds & 4) != 0) {
                for (int n = in.u8() % 4; n > 0; n--) {
                    control.addGraft(ControlGraft.newBuilder().setTopicID(topic()));
                }
            }
            if ((kinds & 8) != 0) {
                for (int n = in.u8() % 4; n > 0; n--) {
                    control.addPrune(prune());
                }
            }
            if ((kinds & 16) != 0) {
                for (int n = in.u8() % 4; n > 0; n--) {
                    control.addIdontwant(ControlIDontWant.newBuilder().addAllMessageIDs(ids()));
                }
            }
            return control.build();
        }

        /** A topic, then a byte: bits 0-1 the backoff (none, u16, any u64, 0), bits 2-4 the peers offered. */
        ControlPrune prune() {
            ControlPrune.Builder prune = ControlPrune.newBuilder().setTopicID(topic());
            int flags = in.u8();
            switch (flags & 3) {
                case 1 -> prune.setBackoff(in.u16());
                case 2 -> prune.setBackoff(in.u32() << 32 | in.u32());
                case 3 -> prune.setBackoff(0);
                default -> { }
            }
            for (int n = (flags >> 2) % 8; n > 0; n--) {
                int choice = in.u8();
                int which = choice & 15;
                byte[] id = which < 6 ? PEERS.get(which).toBytes()
                        : which == 6 ? SELF.toBytes()
                        : which == 7 ? in.bytes(in.u8() % 64)
                        : STRANGERS.get(which - 8).toBytes();
                PeerInfo.Builder info = PeerInfo.newBuilder().setPeerID(ByteString.copyFrom(id));
                if ((choice & 16) != 0) {
                    info.setSignedPeerRecord(ByteString.copyFrom(in.bytes(in.u8() % 32)));
                }
                prune.addPeers(info);
            }
            return prune.build();
        }

        /** A u8 count of ids, each: below 128 an id seen before, else that many bytes minus 128. */
        List<ByteString> ids() {
            List<ByteString> ids = new ArrayList<>();
            for (int n = in.u8(); n > 0; n--) {
                int choice = in.u8();
                byte[] id = choice >= 128 ? in.bytes(choice - 128)
                        : knownIds.isEmpty() ? new byte[] {(byte) choice}
                        : knownIds.get(choice % knownIds.size());
                ids.add(ByteString.copyFrom(id));
            }
            return ids;
        }

        /** A u8: below 192 one of {@link #TOPICS}, below 240 one of 48 more, else UTF-8 of u8 length. */
        String topic() {
            int choice = in.u8();
            if (choice < 192) {
                return TOPICS.get(choice % TOPICS.size());
            }
            if (choice < 240) {
                return "t" + (choice - 192);
            }
            return new String(in.bytes(in.u8()), StandardCharsets.UTF_8);
        }

        /** Data of a u16 size (up to the frame limit), filled with one byte. */
        byte[] filler() {
            byte[] data = new byte[in.u16() % maxFrame];
            Arrays.fill(data, (byte) in.u8());
            return data;
        }

        void remember(byte[] data) {
            byte[] id = MessageIdFunction.sha256OfData().messageId("", ByteBuffer.wrap(data)).bytes();
            if (knownData.size() < 16) {
                knownData.add(data);
                knownIds.add(id);
            } else {
                int slot = Arrays.hashCode(data) & 15;
                knownData.set(slot, data);
                knownIds.set(slot, id);
            }
        }

        static byte[] frame(RPC rpc) {
            return NoiseFuzzing.concat(Varint.encode(rpc.getSerializedSize()), rpc.toByteArray());
        }
    }
}
