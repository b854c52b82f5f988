package io.logos.delivery.libp2p.pubsub;

import static io.logos.delivery.libp2p.pubsub.Checks.require;

import java.time.Duration;

/**
 * How a peer's behaviour in one topic adds to its score (gossipsub v1.1 "The Score Function", P₁ to P₄).
 * A component with weight 0 is off. Counters decay by their factor once per
 * {@link PeerScoreParams#decayInterval()}.
 *
 * @param topicWeight                     weight of this topic's sum in the peer's score
 * @param timeInMeshWeight                P₁ weight, small and positive
 * @param timeInMeshQuantum               time in the mesh worth one P₁ point
 * @param timeInMeshCap                   P₁ maximum
 * @param firstMessageDeliveriesWeight    P₂ weight, positive: rewards peers delivering messages first
 * @param firstMessageDeliveriesDecay     P₂ decay factor
 * @param firstMessageDeliveriesCap       P₂ counter maximum
 * @param meshMessageDeliveriesWeight     P₃ weight, negative: penalises mesh peers delivering too little
 * @param meshMessageDeliveriesDecay      P₃ decay factor
 * @param meshMessageDeliveriesThreshold  P₃ deliveries expected; the squared deficit below it is the penalty
 * @param meshMessageDeliveriesCap        P₃ counter maximum, at least the threshold
 * @param meshMessageDeliveriesActivation time in the mesh before P₃ applies
 * @param meshMessageDeliveryWindow       how long after the first delivery a duplicate still counts for P₃
 * @param meshFailurePenaltyWeight        P₃b weight, negative: sticky penalty for leaving a mesh with a deficit
 * @param meshFailurePenaltyDecay         P₃b decay factor
 * @param invalidMessageDeliveriesWeight  P₄ weight, negative: penalises invalid messages (squared count)
 * @param invalidMessageDeliveriesDecay   P₄ decay factor
 */
public record TopicScoreParams(
        double topicWeight,
        double timeInMeshWeight,
        Duration timeInMeshQuantum,
        double timeInMeshCap,
        double firstMessageDeliveriesWeight,
        double firstMessageDeliveriesDecay,
        double firstMessageDeliveriesCap,
        double meshMessageDeliveriesWeight,
        double meshMessageDeliveriesDecay,
        double meshMessageDeliveriesThreshold,
        double meshMessageDeliveriesCap,
        Duration meshMessageDeliveriesActivation,
        Duration meshMessageDeliveryWindow,
        double meshFailurePenaltyWeight,
        double meshFailurePenaltyDecay,
        double invalidMessageDeliveriesWeight,
        double invalidMessageDeliveriesDecay) {

    public TopicScoreParams {
        require(topicWeight >= 0, "topicWeight must not be negative");
        require(timeInMeshWeight >= 0 && timeInMeshCap >= 0, "P1 weight and cap must not be negative");
        require(timeInMeshQuantum.isPositive(), "timeInMeshQuantum must be positive");
        require(firstMessageDeliveriesWeight >= 0 && firstMessageDeliveriesCap >= 0,
                "P2 weight and cap must not be negative");
        require(meshMessageDeliveriesWeight <= 0, "P3 weight must not be positive");
        require(meshMessageDeliveriesThreshold >= 0 && meshMessageDeliveriesCap >= meshMessageDeliveriesThreshold,
                "P3 needs 0 <= threshold <= cap");
        require(!meshMessageDeliveriesActivation.isNegative() && !meshMessageDeliveryWindow.isNegative(),
                "P3 activation and window must not be negative");
        require(meshFailurePenaltyWeight <= 0, "P3b weight must not be positive");
        require(invalidMessageDeliveriesWeight <= 0, "P4 weight must not be positive");
        for (double decay : new double[] {firstMessageDeliveriesDecay, meshMessageDeliveriesDecay,
                meshFailurePenaltyDecay, invalidMessageDeliveriesDecay}) {
            require(decay >= 0 && decay <= 1, "decay factors must be in [0, 1], got " + decay);
        }
    }

    /**
     * nwaku's parameters for every relay topic (relay.md §3): weight 1; P₁ 0.01 per second up to 10; P₂ weight
     * 1, decay 0.5, cap 10; P₃ and P₃b off; P₄ weight -100, decay 0.5.
     */
    public static TopicScoreParams nwaku() {
        return new Builder()
                .topicWeight(1)
                .timeInMesh(0.01, Duration.ofSeconds(1), 10)
                .firstMessageDeliveries(1, 0.5, 10)
                .invalidMessageDeliveries(-100, 0.5)
                .build();
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link TopicScoreParams}; starts with topic weight 1 and every component off. */
    public static final class Builder {
        private double topicWeight = 1;
        private double timeInMeshWeight;
        private Duration timeInMeshQuantum = Duration.ofSeconds(1);
        private double timeInMeshCap;
        private double firstMessageDeliveriesWeight;
        private double firstMessageDeliveriesDecay;
        private double firstMessageDeliveriesCap;
        private double meshMessageDeliveriesWeight;
        private double meshMessageDeliveriesDecay;
        private double meshMessageDeliveriesThreshold;
        private double meshMessageDeliveriesCap;
        private Duration meshMessageDeliveriesActivation = Duration.ZERO;
        private Duration meshMessageDeliveryWindow = Duration.ZERO;
        private double meshFailurePenaltyWeight;
        private double meshFailurePenaltyDecay;
        private double invalidMessageDeliveriesWeight;
        private double invalidMessageDeliveriesDecay;

        public Builder() {
        }

        private Builder(TopicScoreParams p) {
            topicWeight = p.topicWeight;
            timeInMesh(p.timeInMeshWeight, p.timeInMeshQuantum, p.timeInMeshCap);
            firstMessageDeliveries(p.firstMessageDeliveriesWeight, p.firstMessageDeliveriesDecay,
                    p.firstMessageDeliveriesCap);
            meshMessageDeliveries(p.meshMessageDeliveriesWeight, p.meshMessageDeliveriesDecay,
                    p.meshMessageDeliveriesThreshold, p.meshMessageDeliveriesCap,
                    p.meshMessageDeliveriesActivation, p.meshMessageDeliveryWindow);
            meshFailurePenalty(p.meshFailurePenaltyWeight, p.meshFailurePenaltyDecay);
            invalidMessageDeliveries(p.invalidMessageDeliveriesWeight, p.invalidMessageDeliveriesDecay);
        }

        public Builder topicWeight(double weight) {
            topicWeight = weight;
            return this;
        }

        /** P₁: {@code weight} per {@code quantum} in the mesh, up to {@code cap} points. */
        public Builder timeInMesh(double weight, Duration quantum, double cap) {
            timeInMeshWeight = weight;
            timeInMeshQuantum = quantum;
            timeInMeshCap = cap;
            return this;
        }

        /** P₂: first deliveries counted up to {@code cap}, decaying by {@code decay}. */
        public Builder firstMessageDeliveries(double weight, double decay, double cap) {
            firstMessageDeliveriesWeight = weight;
            firstMessageDeliveriesDecay = decay;
            firstMessageDeliveriesCap = cap;
            return this;
        }

        /** P₃: mesh deliveries expected to reach {@code threshold} once a peer is {@code activation} in the mesh. */
        public Builder meshMessageDeliveries(double weight, double decay, double threshold, double cap,
                                             Duration activation, Duration window) {
            meshMessageDeliveriesWeight = weight;
            meshMessageDeliveriesDecay = decay;
            meshMessageDeliveriesThreshold = threshold;
            meshMessageDeliveriesCap = cap;
            meshMessageDeliveriesActivation = activation;
            meshMessageDeliveryWindow = window;
            return this;
        }

        /** P₃b: the sticky penalty for leaving a mesh with a P₃ deficit. */
        public Builder meshFailurePenalty(double weight, double decay) {
            meshFailurePenaltyWeight = weight;
            meshFailurePenaltyDecay = decay;
            return this;
        }

        /** P₄: invalid messages, squared. */
        public Builder invalidMessageDeliveries(double weight, double decay) {
            invalidMessageDeliveriesWeight = weight;
            invalidMessageDeliveriesDecay = decay;
            return this;
        }

        public TopicScoreParams build() {
            return new TopicScoreParams(topicWeight, timeInMeshWeight, timeInMeshQuantum, timeInMeshCap,
                    firstMessageDeliveriesWeight, firstMessageDeliveriesDecay, firstMessageDeliveriesCap,
                    meshMessageDeliveriesWeight, meshMessageDeliveriesDecay, meshMessageDeliveriesThreshold,
                    meshMessageDeliveriesCap, meshMessageDeliveriesActivation, meshMessageDeliveryWindow,
                    meshFailurePenaltyWeight, meshFailurePenaltyDecay, invalidMessageDeliveriesWeight,
                    invalidMessageDeliveriesDecay);
        }
    }
}
