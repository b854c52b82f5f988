package io.logos.delivery.libp2p.pubsub;

import static io.logos.delivery.libp2p.pubsub.Checks.require;

import java.time.Duration;

/**
 * The gossipsub router's parameters: mesh degrees, timing, caches, and the limits that keep a misbehaving
 * peer from making us allocate without bound. {@link #defaults()} follows the gossipsub specs (v1.0
 * "Parameters", v1.1 "Overview of New Parameters") and go-libp2p-pubsub where the specs name no value;
 * {@link #nwaku()} is what nwaku configures for Waku relay. Change single values with {@link #toBuilder()}.
 *
 * @param d                          desired mesh degree {@code D}
 * @param dLow                       graft when a mesh has fewer peers ({@code D_low})
 * @param dHigh                      prune when a mesh has more peers ({@code D_high})
 * @param dLazy                      least number of peers gossip goes to per topic ({@code D_lazy})
 * @param dScore                     peers kept by score when pruning an oversubscribed mesh ({@code D_score})
 * @param dOut                       outbound-connection peers every mesh keeps ({@code D_out}); below
 *                                   {@code D_low} and at most {@code D/2}
 * @param heartbeatInterval          time between heartbeats
 * @param heartbeatInitialDelay      time before the first heartbeat
 * @param historyLength              heartbeats a message stays in the message cache, answering IWANT
 *                                   ({@code mcache_len})
 * @param historyGossip              most recent heartbeats whose messages are advertised in IHAVE
 *                                   ({@code mcache_gossip})
 * @param fanoutTtl                  how long fanout peers of a topic we publish to without subscribing are kept
 * @param seenTtl                    how long a message id is remembered for de-duplication
 * @param pruneBackoff               how long a pruned peer and we must not graft each other again
 * @param unsubscribeBackoff         the shorter backoff announced when we prune because we leave a topic
 * @param backoffSlack               extra wait after a backoff before we graft again, for the heartbeat
 *                                   offset between peers
 * @param floodPublish               send our own messages to every topic peer above the publish threshold,
 *                                   not only the mesh
 * @param gossipFactor               fraction of eligible peers gossip goes to, when more than {@code dLazy}
 * @param gossipRetransmission       times one peer may receive the same message through IWANT
 * @param maxIHaveLength             message ids we advertise in one IHAVE, and ids we ask one peer for per
 *                                   heartbeat
 * @param maxIHaveMessages           IHAVE messages of one peer handled per heartbeat
 * @param iwantFollowupTime          how long a peer has to deliver a message it advertised and we asked for,
 *                                   before a behaviour penalty
 * @param graftFloodThreshold        a GRAFT this soon after we pruned counts as flooding: an extra penalty
 * @param opportunisticGraftTicks    heartbeats between opportunistic grafting rounds
 * @param opportunisticGraftPeers    peers grafted per topic in one opportunistic round
 * @param peerExchange               include other peers (PX) in PRUNEs we send
 * @param prunePeers                 peers offered in one PRUNE, and taken from one received PRUNE
 * @param maxMessageSize             the largest RPC frame, length prefix excluded, we accept or send; a
 *                                   published message must fit into one
 * @param idontwantMessageThreshold  messages with more data bytes than this trigger IDONTWANT to mesh peers
 * @param maxIDontWantMessages       message ids one peer may tell us it does not want per heartbeat
 * @param idontwantHeartbeats        heartbeats an IDONTWANT is remembered
 * @param maxSubscriptionsPerPeer    topics one peer may be subscribed to; more subscriptions are ignored
 * @param maxTopicLength             longest topic (in UTF-16 chars) we keep track of for a peer
 * @param maxMessageIdLength         longest message id accepted in IHAVE, IWANT and IDONTWANT
 * @param maxPendingValidations      messages waiting for asynchronous validation; more are ignored
 * @param maxSeenMessages            message ids the seen cache holds; the oldest go first beyond that
 * @param disconnectBadPeers         ask the host to disconnect peers whose score falls below the graylist
 *                                   threshold
 */
public record GossipParams(
        int d,
        int dLow,
        int dHigh,
        int dLazy,
        int dScore,
        int dOut,
        Duration heartbeatInterval,
        Duration heartbeatInitialDelay,
        int historyLength,
        int historyGossip,
        Duration fanoutTtl,
        Duration seenTtl,
        Duration pruneBackoff,
        Duration unsubscribeBackoff,
        Duration backoffSlack,
        boolean floodPublish,
        double gossipFactor,
        int gossipRetransmission,
        int maxIHaveLength,
        int maxIHaveMessages,
        Duration iwantFollowupTime,
        Duration graftFloodThreshold,
        int opportunisticGraftTicks,
        int opportunisticGraftPeers,
        boolean peerExchange,
        int prunePeers,
        int maxMessageSize,
        int idontwantMessageThreshold,
        int maxIDontWantMessages,
        int idontwantHeartbeats,
        int maxSubscriptionsPerPeer,
        int maxTopicLength,
        int maxMessageIdLength,
        int maxPendingValidations,
        int maxSeenMessages,
        boolean disconnectBadPeers) {

    /** The libp2p default RPC size limit (pubsub spec: "say to 1 MiB"; go and nim use it). */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1 << 20;
    /** nwaku's {@code --max-msg-size} default, 150 KiB, applied to whole RPC frames. */
    public static final int WAKU_MAX_MESSAGE_SIZE = 150 * 1024;

    public GossipParams {
        require(dLow >= 0 && dLow <= d && d <= dHigh,
                "need 0 <= D_low <= D <= D_high, got " + dLow + ", " + d + ", " + dHigh);
        require(dOut >= 0 && dOut <= d / 2 && (dOut < dLow || dOut == 0),
                "D_out must be below D_low and at most D/2, got " + dOut);
        require(dScore >= 0 && dScore <= dHigh, "D_score must be in [0, D_high], got " + dScore);
        require(dLazy >= 0, "D_lazy must not be negative, got " + dLazy);
        requirePositive(heartbeatInterval, "heartbeatInterval");
        requireNotNegative(heartbeatInitialDelay, "heartbeatInitialDelay");
        require(historyLength >= 1 && historyGossip >= 0 && historyGossip <= historyLength,
                "need 0 <= history gossip <= history length and history length >= 1, got "
                        + historyGossip + ", " + historyLength);
        requirePositive(fanoutTtl, "fanoutTtl");
        requirePositive(seenTtl, "seenTtl");
        requirePositive(pruneBackoff, "pruneBackoff");
        requirePositive(unsubscribeBackoff, "unsubscribeBackoff");
        requireNotNegative(backoffSlack, "backoffSlack");
        require(gossipFactor >= 0 && gossipFactor <= 1, "gossip factor must be in [0, 1], got " + gossipFactor);
        require(gossipRetransmission >= 1, "gossipRetransmission must be at least 1, got " + gossipRetransmission);
        require(maxIHaveLength >= 1 && maxIHaveMessages >= 1, "IHAVE limits must be at least 1");
        requirePositive(iwantFollowupTime, "iwantFollowupTime");
        requireNotNegative(graftFloodThreshold, "graftFloodThreshold");
        require(opportunisticGraftTicks >= 1 && opportunisticGraftPeers >= 0,
                "opportunistic grafting ticks must be >= 1, peers >= 0");
        require(prunePeers >= 0, "prunePeers must not be negative, got " + prunePeers);
        require(maxMessageSize >= 1024, "maxMessageSize must be at least 1 KiB, got " + maxMessageSize);
        require(idontwantMessageThreshold >= 0, "idontwantMessageThreshold must not be negative");
        require(maxIDontWantMessages >= 0 && idontwantHeartbeats >= 1,
                "IDONTWANT limits: messages >= 0, heartbeats >= 1");
        require(maxSubscriptionsPerPeer >= 1 && maxTopicLength >= 1 && maxMessageIdLength >= 1,
                "per-peer limits must be at least 1");
        require(maxPendingValidations >= 1 && maxSeenMessages >= 1, "cache limits must be at least 1");
    }

    /** The specs' reasonable defaults (go-libp2p-pubsub's where the specs name none). */
    public static GossipParams defaults() {
        return new Builder().build();
    }

    /**
     * nwaku's relay parameters (relay.md §3, §4): D_high 8, D_score 6, D_out 3, 6 history windows, unsubscribe
     * backoff 5 s, 150 KiB frames, bad peers disconnected.
     */
    public static GossipParams nwaku() {
        return new Builder()
                .dHigh(8)
                .dScore(6)
                .dOut(3)
                .historyLength(6)
                .unsubscribeBackoff(Duration.ofSeconds(5))
                .backoffSlack(Duration.ofSeconds(2))
                .maxMessageSize(WAKU_MAX_MESSAGE_SIZE)
                // nim-libp2p sends IDONTWANT above max(512, 10 x id length); SHA-256 ids make that 512
                .idontwantMessageThreshold(512)
                .disconnectBadPeers(true)
                .build();
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requirePositive(Duration duration, String name) {
        require(duration.isPositive(), name + " must be positive, got " + duration);
    }

    private static void requireNotNegative(Duration duration, String name) {
        require(!duration.isNegative(), name + " must not be negative, got " + duration);
    }

    /** Builds {@link GossipParams}; starts from {@link #defaults()}. */
    public static final class Builder {
        private int d = 6;
        private int dLow = 4;
        private int dHigh = 12;
        private int dLazy = 6;
        private int dScore = 4;
        private int dOut = 2;
        private Duration heartbeatInterval = Duration.ofSeconds(1);
        private Duration heartbeatInitialDelay = Duration.ofMillis(100);
        private int historyLength = 5;
        private int historyGossip = 3;
        private Duration fanoutTtl = Duration.ofSeconds(60);
        private Duration seenTtl = Duration.ofMinutes(2);
        private Duration pruneBackoff = Duration.ofMinutes(1);
        private Duration unsubscribeBackoff = Duration.ofSeconds(10);
        private Duration backoffSlack = Duration.ofSeconds(1);
        private boolean floodPublish = true;
        private double gossipFactor = 0.25;
        private int gossipRetransmission = 3;
        private int maxIHaveLength = 5000;
        private int maxIHaveMessages = 10;
        private Duration iwantFollowupTime = Duration.ofSeconds(3);
        private Duration graftFloodThreshold = Duration.ofSeconds(10);
        private int opportunisticGraftTicks = 60;
        private int opportunisticGraftPeers = 2;
        private boolean peerExchange = false;
        private int prunePeers = 16;
        private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private int idontwantMessageThreshold = 1024;
        private int maxIDontWantMessages = 1000;
        private int idontwantHeartbeats = 3;
        private int maxSubscriptionsPerPeer = 1024;
        private int maxTopicLength = 1024;
        private int maxMessageIdLength = 128;
        private int maxPendingValidations = 1024;
        private int maxSeenMessages = 1_000_000;
        private boolean disconnectBadPeers = false;

        /** A builder holding {@link #defaults()}. */
        public Builder() {
        }

        private Builder(GossipParams p) {
            d = p.d;
            dLow = p.dLow;
            dHigh = p.dHigh;
            dLazy = p.dLazy;
            dScore = p.dScore;
            dOut = p.dOut;
            heartbeatInterval = p.heartbeatInterval;
            heartbeatInitialDelay = p.heartbeatInitialDelay;
            historyLength = p.historyLength;
            historyGossip = p.historyGossip;
            fanoutTtl = p.fanoutTtl;
            seenTtl = p.seenTtl;
            pruneBackoff = p.pruneBackoff;
            unsubscribeBackoff = p.unsubscribeBackoff;
            backoffSlack = p.backoffSlack;
            floodPublish = p.floodPublish;
            gossipFactor = p.gossipFactor;
            gossipRetransmission = p.gossipRetransmission;
            maxIHaveLength = p.maxIHaveLength;
            maxIHaveMessages = p.maxIHaveMessages;
            iwantFollowupTime = p.iwantFollowupTime;
            graftFloodThreshold = p.graftFloodThreshold;
            opportunisticGraftTicks = p.opportunisticGraftTicks;
            opportunisticGraftPeers = p.opportunisticGraftPeers;
            peerExchange = p.peerExchange;
            prunePeers = p.prunePeers;
            maxMessageSize = p.maxMessageSize;
            idontwantMessageThreshold = p.idontwantMessageThreshold;
            maxIDontWantMessages = p.maxIDontWantMessages;
            idontwantHeartbeats = p.idontwantHeartbeats;
            maxSubscriptionsPerPeer = p.maxSubscriptionsPerPeer;
            maxTopicLength = p.maxTopicLength;
            maxMessageIdLength = p.maxMessageIdLength;
            maxPendingValidations = p.maxPendingValidations;
            maxSeenMessages = p.maxSeenMessages;
            disconnectBadPeers = p.disconnectBadPeers;
        }

        /** Sets {@code D}, {@code D_low} and {@code D_high} together, which keeps them consistent while changing. */
        public Builder degrees(int d, int dLow, int dHigh) {
            this.d = d;
            this.dLow = dLow;
            this.dHigh = dHigh;
            return this;
        }

        public Builder d(int value) { d = value; return this; }
        public Builder dLow(int value) { dLow = value; return this; }
        public Builder dHigh(int value) { dHigh = value; return this; }
        public Builder dLazy(int value) { dLazy = value; return this; }
        public Builder dScore(int value) { dScore = value; return this; }
        public Builder dOut(int value) { dOut = value; return this; }
        public Builder heartbeatInterval(Duration value) { heartbeatInterval = value; return this; }
        public Builder heartbeatInitialDelay(Duration value) { heartbeatInitialDelay = value; return this; }
        public Builder historyLength(int value) { historyLength = value; return this; }
        public Builder historyGossip(int value) { historyGossip = value; return this; }
        public Builder fanoutTtl(Duration value) { fanoutTtl = value; return this; }
        public Builder seenTtl(Duration value) { seenTtl = value; return this; }
        public Builder pruneBackoff(Duration value) { pruneBackoff = value; return this; }
        public Builder unsubscribeBackoff(Duration value) { unsubscribeBackoff = value; return this; }
        public Builder backoffSlack(Duration value) { backoffSlack = value; return this; }
        public Builder floodPublish(boolean value) { floodPublish = value; return this; }
        public Builder gossipFactor(double value) { gossipFactor = value; return this; }
        public Builder gossipRetransmission(int value) { gossipRetransmission = value; return this; }
        public Builder maxIHaveLength(int value) { maxIHaveLength = value; return this; }
        public Builder maxIHaveMessages(int value) { maxIHaveMessages = value; return this; }
        public Builder iwantFollowupTime(Duration value) { iwantFollowupTime = value; return this; }
        public Builder graftFloodThreshold(Duration value) { graftFloodThreshold = value; return this; }
        public Builder opportunisticGraftTicks(int value) { opportunisticGraftTicks = value; return this; }
        public Builder opportunisticGraftPeers(int value) { opportunisticGraftPeers = value; return this; }
        public Builder peerExchange(boolean value) { peerExchange = value; return this; }
        public Builder prunePeers(int value) { prunePeers = value; return this; }
        public Builder maxMessageSize(int value) { maxMessageSize = value; return this; }
        public Builder idontwantMessageThreshold(int value) { idontwantMessageThreshold = value; return this; }
        public Builder maxIDontWantMessages(int value) { maxIDontWantMessages = value; return this; }
        public Builder idontwantHeartbeats(int value) { idontwantHeartbeats = value; return this; }
        public Builder maxSubscriptionsPerPeer(int value) { maxSubscriptionsPerPeer = value; return this; }
        public Builder maxTopicLength(int value) { maxTopicLength = value; return this; }
        public Builder maxMessageIdLength(int value) { maxMessageIdLength = value; return this; }
        public Builder maxPendingValidations(int value) { maxPendingValidations = value; return this; }
        public Builder maxSeenMessages(int value) { maxSeenMessages = value; return this; }
        public Builder disconnectBadPeers(boolean value) { disconnectBadPeers = value; return this; }

        /**
         * @throws IllegalArgumentException naming the first inconsistent value
         */
        public GossipParams build() {
            return new GossipParams(d, dLow, dHigh, dLazy, dScore, dOut, heartbeatInterval, heartbeatInitialDelay,
                    historyLength, historyGossip, fanoutTtl, seenTtl, pruneBackoff, unsubscribeBackoff, backoffSlack,
                    floodPublish, gossipFactor, gossipRetransmission, maxIHaveLength, maxIHaveMessages,
                    iwantFollowupTime, graftFloodThreshold, opportunisticGraftTicks, opportunisticGraftPeers,
                    peerExchange, prunePeers, maxMessageSize, idontwantMessageThreshold, maxIDontWantMessages,
                    idontwantHeartbeats, maxSubscriptionsPerPeer, maxTopicLength, maxMessageIdLength,
                    maxPendingValidations, maxSeenMessages, disconnectBadPeers);
        }
    }
}
