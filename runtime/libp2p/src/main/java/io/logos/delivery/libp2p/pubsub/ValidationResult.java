package io.logos.delivery.libp2p.pubsub;

/** What a topic validator decided about a message (gossipsub v1.1 "Extended Validators"). */
public enum ValidationResult {
    /** The message is valid: deliver it to subscribers and forward it. */
    ACCEPT,
    /** The message is invalid: drop it and penalise the peers that sent it (score P₄). */
    REJECT,
    /** Drop the message without delivering or forwarding it, and without penalising anyone. */
    IGNORE
}
