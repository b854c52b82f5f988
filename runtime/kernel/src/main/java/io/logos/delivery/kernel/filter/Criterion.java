package io.logos.delivery.kernel.filter;

import java.util.Objects;

/** One filter criterion: a message matches when it arrived on {@code pubsubTopic} with {@code contentTopic}. */
public record Criterion(String pubsubTopic, String contentTopic) {

    public Criterion {
        Objects.requireNonNull(pubsubTopic, "pubsubTopic");
        Objects.requireNonNull(contentTopic, "contentTopic");
    }
}
