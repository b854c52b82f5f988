package io.logos.delivery.api.kernel;

/** A content topic, pubsub topic or shard that does not follow the Waku topic rules. */
public final class InvalidTopicException extends IllegalArgumentException {

    private final String topic;

    public InvalidTopicException(String topic, String reason) {
        super("invalid topic '" + topic + "': " + reason);
        this.topic = topic;
    }

    /** The rejected input, as given. */
    public String topic() {
        return topic;
    }
}
