package io.logos.delivery.libp2p.pubsub.gossipsub;

import com.google.protobuf.ByteString;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.ExchangedPeer;
import io.logos.delivery.libp2p.pubsub.MessageId;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlGraft;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlIDontWant;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlIHave;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlIWant;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlMessage;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlPrune;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.PeerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles the control messages of one RPC (gossipsub v1.0 "Message Processing", v1.1 backoff, peer exchange
 * and spam protection, v1.2 IDONTWANT). Everything a peer can make us remember or send is bounded by the
 * per-heartbeat budgets in {@link RemotePeer} and the limits of {@link io.logos.delivery.libp2p.pubsub.GossipParams}.
 */
final class ControlHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ControlHandler.class);

    /** A backoff a peer asks for is honoured up to this, so a huge value cannot pin entries for good. */
    private static final Duration MAX_REQUESTED_BACKOFF = Duration.ofHours(1);

    private final RouterContext ctx;
    private final Meshes meshes;
    private final SeenMessages seen;
    private final MessageCache cache;
    private final GossipPromises promises;

    ControlHandler(RouterContext ctx, Meshes meshes, SeenMessages seen, MessageCache cache, GossipPromises promises) {
        this.ctx = ctx;
        this.meshes = meshes;
        this.seen = seen;
        this.cache = cache;
        this.promises = promises;
    }

    void handle(RemotePeer from, ControlMessage control) {
        control.getIdontwantList().forEach(idontwant -> handleIDontWant(from, idontwant));
        if (control.getIhaveCount() > 0) {
            handleIHave(from, control.getIhaveList());
        }
        if (control.getIwantCount() > 0) {
            handleIWant(from, control.getIwantList());
        }
        control.getGraftList().forEach(graft -> handleGraft(from, graft));
        List<ExchangedPeer> exchanged = new ArrayList<>();
        control.getPruneList().forEach(prune -> handlePrune(from, prune, exchanged));
        if (!exchanged.isEmpty()) {
            ctx.output.dialExchangedPeers(exchanged);
        }
    }

    /** Remembers ids the peer already has, so forwarding skips it (within its per-heartbeat budget). */
    private void handleIDontWant(RemotePeer from, ControlIDontWant idontwant) {
        long forgetAfter = ctx.heartbeats + ctx.params.idontwantHeartbeats();
        for (ByteString id : idontwant.getMessageIDsList()) {
            if (id.size() <= ctx.params.maxMessageIdLength()) {
                from.dontWant(MessageId.of(id.toByteArray()), forgetAfter, ctx.params.maxIDontWantMessages());
            }
        }
    }

    /**
     * Asks for advertised messages we have not seen, in topics we joined: at most {@code maxIHaveMessages}
     * IHAVE RPCs and {@code maxIHaveLength} ids per peer and heartbeat, chosen at random. One of the ids asked for
     * becomes a promise the advertiser must keep.
     */
    private void handleIHave(RemotePeer from, List<ControlIHave> ihaves) {
        if (ctx.score(from.id()) < ctx.thresholds.gossipThreshold()) {
            return;
        }
        if (!from.takeIHave(ctx.params.maxIHaveMessages())) {
            LOG.debug("ignoring IHAVE from {}: more than {} this heartbeat", from, ctx.params.maxIHaveMessages());
            return;
        }
        int left = from.idsLeftToAsk(ctx.params.maxIHaveLength());
        if (left == 0) {
            return;
        }
        Set<MessageId> wanted = new LinkedHashSet<>();
        for (ControlIHave ihave : ihaves) {
            if (!meshes.isJoined(ihave.getTopicID())) {
                continue;
            }
            for (ByteString bytes : ihave.getMessageIDsList()) {
                if (bytes.size() <= ctx.params.maxMessageIdLength()) {
                    MessageId id = MessageId.of(bytes.toByteArray());
                    if (!seen.contains(id)) {
                        wanted.add(id);
                    }
                }
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        List<MessageId> ask = ctx.shuffled(wanted);
        ask = ask.subList(0, Math.min(left, ask.size()));
        from.askedFor(ask.size());
        ctx.outbox.iwant(from.id(), ask);
        MessageId tracked = ask.get(ctx.random.nextInt(ask.size()));
        promises.expect(from.id(), tracked, ctx.now().plus(ctx.params.iwantFollowupTime()));
    }

    /** Sends the requested messages still cached, each at most {@code gossipRetransmission} times per peer. */
    private void handleIWant(RemotePeer from, List<ControlIWant> iwants) {
        if (ctx.score(from.id()) < ctx.thresholds.gossipThreshold()) {
            return;
        }
        Map<MessageId, RpcProto.Message> messages = new LinkedHashMap<>();
        for (ControlIWant iwant : iwants) {
            for (ByteString bytes : iwant.getMessageIDsList()) {
                if (bytes.size() > ctx.params.maxMessageIdLength()) {
                    continue;
                }
                MessageId id = MessageId.of(bytes.toByteArray());
                if (!messages.containsKey(id)) {
                    RpcProto.Message message = cache.takeForIWant(id, from.id(), ctx.params.gossipRetransmission());
                    if (message != null) {
                        messages.put(id, message);
                    }
                }
            }
        }
        ctx.outbox.sendMessages(from.id(), List.copyOf(messages.values()));
    }

    /**
     * Accepts a GRAFT into a topic we joined unless the peer is backed off (a behaviour penalty, a second one
     * when it comes right after our PRUNE), negatively scored, or the mesh is full and the peer did not come
     * through an outbound connection; those get a PRUNE. GRAFTs for other topics are ignored (v1.1 spam
     * protection: answering them would let a peer make us send at will).
     */
    private void handleGraft(RemotePeer from, ControlGraft graft) {
        String topic = graft.getTopicID();
        if (!meshes.isJoined(topic) || meshes.mesh(topic).contains(from.id())) {
            return;
        }
        PeerId peer = from.id();
        Instant now = ctx.now();
        if (ctx.backoffs.isActive(topic, peer, now)) {
            // a v1.0 peer was never told about the backoff, so only later versions are penalised
            if (from.version().supportsBackoffAndPeerExchange()) {
                ctx.score.penalize(peer, 1);
                Instant floodCutoff = ctx.backoffs.end(topic, peer)
                        .minus(ctx.params.pruneBackoff()).plus(ctx.params.graftFloodThreshold());
                if (now.isBefore(floodCutoff)) {
                    ctx.score.penalize(peer, 1);
                }
            }
            meshes.prune(peer, topic, Meshes.PeerExchange.WITHHOLD, ctx.params.pruneBackoff());
            return;
        }
        if (ctx.score(peer) < 0) {
            meshes.prune(peer, topic, Meshes.PeerExchange.WITHHOLD, ctx.params.pruneBackoff());
            return;
        }
        if (meshes.mesh(topic).size() >= ctx.params.dHigh() && !from.isOutbound()) {
            meshes.prune(peer, topic, Meshes.PeerExchange.OFFER, ctx.params.pruneBackoff());
            return;
        }
        meshes.acceptGraft(peer, topic);
    }

    /**
     * Leaves the peer out of our mesh for the backoff it asks for, and collects the peers it offers when its
     * score is above the accept-PX threshold.
     */
    private void handlePrune(RemotePeer from, ControlPrune prune, List<ExchangedPeer> exchanged) {
        String topic = prune.getTopicID();
        if (!meshes.isJoined(topic)) {
            return;
        }
        Duration backoff = prune.hasBackoff() ? requestedBackoff(prune.getBackoff()) : ctx.params.pruneBackoff();
        meshes.prunedBy(from.id(), topic, backoff);
        if (prune.getPeersCount() > 0 && ctx.score(from.id()) >= ctx.thresholds.acceptPXThreshold()) {
            prune.getPeersList().stream().limit(ctx.params.prunePeers())
                    .map(this::exchangedPeer)
                    .flatMap(Optional::stream)
                    .filter(candidate -> !exchanged.contains(candidate))
                    .forEach(exchanged::add);
        }
    }

    /** The backoff a PRUNE asks for, a uint64 of seconds (so Java may see it negative), capped. */
    private static Duration requestedBackoff(long seconds) {
        long cap = MAX_REQUESTED_BACKOFF.toSeconds();
        return Duration.ofSeconds(seconds < 0 || seconds > cap ? cap : seconds);
    }

    /** The offered peer, unless its id is malformed, ours, or already connected. */
    private Optional<ExchangedPeer> exchangedPeer(PeerInfo info) {
        PeerId peer;
        try {
            peer = PeerId.fromBytes(info.getPeerID().toByteArray());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (peer.equals(ctx.localPeer) || ctx.peers.containsKey(peer)) {
            return Optional.empty();
        }
        Optional<byte[]> record = info.hasSignedPeerRecord()
                ? Optional.of(info.getSignedPeerRecord().toByteArray())
                : Optional.empty();
        return Optional.of(new ExchangedPeer(peer, record));
    }
}
