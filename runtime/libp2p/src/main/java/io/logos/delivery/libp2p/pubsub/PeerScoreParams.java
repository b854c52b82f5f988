package io.logos.delivery.libp2p.pubsub;

import static io.logos.delivery.libp2p.pubsub.Checks.require;

import io.logos.delivery.libp2p.peer.PeerId;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * How gossipsub v1.1 scores peers ("Peer Scoring"): the per-topic parameters (P₁ to P₄) and the global ones
 * (P₅ application-specific, P₆ IP colocation, P₇ behaviour penalty), decay and retention.
 *
 * <pre>score = min(topicScoreCap, Σ topicWeight · topicScore) + w₅·P₅ + w₆·P₆ + w₇·P₇</pre>
 *
 * @param topics                      parameters of named topics
 * @param defaultTopicParams          parameters of every other topic; empty: other topics do not count
 * @param topicScoreCap               cap on the topics' summed contribution; 0 for none
 * @param appSpecificScore            P₅, the application's own score of a peer (called on the router's thread)
 * @param appSpecificWeight           P₅ weight, not negative
 * @param ipColocationFactorWeight    P₆ weight, not positive: penalises many peers behind one IP
 * @param ipColocationFactorThreshold peers one IP may have before P₆ (the squared surplus) applies
 * @param behaviourPenaltyWeight      P₇ weight, not positive: penalises protocol misbehaviour
 * @param behaviourPenaltyThreshold   penalty counter allowed before P₇ (the squared excess) applies
 * @param behaviourPenaltyDecay       P₇ decay factor
 * @param decayInterval               how often counters decay
 * @param decayToZero                 a decayed counter below this becomes 0
 * @param retainScore                 how long a disconnected peer's non-positive score is remembered, so a
 *                                    reconnect does not clear a penalty
 */
public record PeerScoreParams(
        Map<String, TopicScoreParams> topics,
        Optional<TopicScoreParams> defaultTopicParams,
        double topicScoreCap,
        ToDoubleFunction<PeerId> appSpecificScore,
        double appSpecificWeight,
        double ipColocationFactorWeight,
        int ipColocationFactorThreshold,
        double behaviourPenaltyWeight,
        double behaviourPenaltyThreshold,
        double behaviourPenaltyDecay,
        Duration decayInterval,
        double decayToZero,
        Duration retainScore) {

    public PeerScoreParams {
        topics = Map.copyOf(topics);
        Objects.requireNonNull(defaultTopicParams, "defaultTopicParams");
        Objects.requireNonNull(appSpecificScore, "appSpecificScore");
        require(topicScoreCap >= 0, "topicScoreCap must not be negative");
        require(appSpecificWeight >= 0, "appSpecificWeight must not be negative");
        require(ipColocationFactorWeight <= 0, "ipColocationFactorWeight must not be positive");
        require(ipColocationFactorThreshold >= 1, "ipColocationFactorThreshold must be at least 1");
        require(behaviourPenaltyWeight <= 0, "behaviourPenaltyWeight must not be positive");
        require(behaviourPenaltyThreshold >= 0, "behaviourPenaltyThreshold must not be negative");
        require(behaviourPenaltyDecay >= 0 && behaviourPenaltyDecay <= 1, "behaviourPenaltyDecay must be in [0, 1]");
        require(decayInterval.isPositive(), "decayInterval must be positive");
        require(decayToZero > 0 && decayToZero < 1, "decayToZero must be in (0, 1)");
        require(!retainScore.isNegative(), "retainScore must not be negative");
    }

    /**
     * nim-libp2p's defaults (the spec names none): no topic scoring, P₅ and P₆ off, P₇ weight -1 with decay
     * 0.999, decay every second, 0.01 to zero, scores retained 2 minutes.
     */
    public static PeerScoreParams defaults() {
        return new Builder().build();
    }

    /**
     * nwaku's relay scoring (relay.md §3): {@link TopicScoreParams#nwaku()} for every topic, P₅ off, P₆ weight
     * -50 above 5 peers per IP, P₇ weight -10 with decay 0.986, decay every 12 s, scores retained 10 minutes.
     */
    public static PeerScoreParams nwaku() {
        return new Builder()
                .defaultTopicParams(TopicScoreParams.nwaku())
                .ipColocationFactor(-50, 5)
                .behaviourPenalty(-10, 0, 0.986)
                .decayInterval(Duration.ofSeconds(12))
                .retainScore(Duration.ofMinutes(10))
                .build();
    }

    /** The parameters of {@code topic}, if it counts towards scores. */
    public Optional<TopicScoreParams> topicParams(String topic) {
        TopicScoreParams named = topics.get(topic);
        return named != null ? Optional.of(named) : defaultTopicParams;
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link PeerScoreParams}; starts from {@link #defaults()}. */
    public static final class Builder {
        private Map<String, TopicScoreParams> topics = Map.of();
        private Optional<TopicScoreParams> defaultTopicParams = Optional.empty();
        private double topicScoreCap;
        private ToDoubleFunction<PeerId> appSpecificScore = peer -> 0;
        private double appSpecificWeight;
        private double ipColocationFactorWeight;
        private int ipColocationFactorThreshold = 1;
        private double behaviourPenaltyWeight = -1;
        private double behaviourPenaltyThreshold;
        private double behaviourPenaltyDecay = 0.999;
        private Duration decayInterval = Duration.ofSeconds(1);
        private double decayToZero = 0.01;
        private Duration retainScore = Duration.ofMinutes(2);

        public Builder() {
        }

        private Builder(PeerScoreParams p) {
            topics = p.topics;
            defaultTopicParams = p.defaultTopicParams;
            topicScoreCap = p.topicScoreCap;
            appSpecificScore = p.appSpecificScore;
            appSpecificWeight = p.appSpecificWeight;
            ipColocationFactorWeight = p.ipColocationFactorWeight;
            ipColocationFactorThreshold = p.ipColocationFactorThreshold;
            behaviourPenaltyWeight = p.behaviourPenaltyWeight;
            behaviourPenaltyThreshold = p.behaviourPenaltyThreshold;
            behaviourPenaltyDecay = p.behaviourPenaltyDecay;
            decayInterval = p.decayInterval;
            decayToZero = p.decayToZero;
            retainScore = p.retainScore;
        }

        public Builder topics(Map<String, TopicScoreParams> value) {
            topics = value;
            return this;
        }

        public Builder defaultTopicParams(TopicScoreParams value) {
            defaultTopicParams = Optional.of(value);
            return this;
        }

        public Builder topicScoreCap(double value) {
            topicScoreCap = value;
            return this;
        }

        /** P₅: the application's score of a peer and its weight. */
        public Builder appSpecificScore(ToDoubleFunction<PeerId> score, double weight) {
            appSpecificScore = score;
            appSpecificWeight = weight;
            return this;
        }

        /** P₆: penalty weight and the number of peers per IP tolerated. */
        public Builder ipColocationFactor(double weight, int threshold) {
            ipColocationFactorWeight = weight;
            ipColocationFactorThreshold = threshold;
            return this;
        }

        /** P₇: penalty weight, tolerated counter and decay factor. */
        public Builder behaviourPenalty(double weight, double threshold, double decay) {
            behaviourPenaltyWeight = weight;
            behaviourPenaltyThreshold = threshold;
            behaviourPenaltyDecay = decay;
            return this;
        }

        public Builder decayInterval(Duration value) {
            decayInterval = value;
            return this;
        }

        public Builder decayToZero(double value) {
            decayToZero = value;
            return this;
        }

        public Builder retainScore(Duration value) {
            retainScore = value;
            return this;
        }

        public PeerScoreParams build() {
            return new PeerScoreParams(topics, defaultTopicParams, topicScoreCap, appSpecificScore, appSpecificWeight,
                    ipColocationFactorWeight, ipColocationFactorThreshold, behaviourPenaltyWeight,
                    behaviourPenaltyThreshold, behaviourPenaltyDecay, decayInterval, decayToZero, retainScore);
        }
    }
}
