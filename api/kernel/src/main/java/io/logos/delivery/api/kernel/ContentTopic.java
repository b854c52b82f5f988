package io.logos.delivery.api.kernel;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A Waku content topic (23/WAKU2-TOPICS): {@code /application/version/name/encoding}, or the long
 * form {@code /generation/application/version/name/encoding} used by autosharding.
 *
 * <p>Parsing follows nwaku: the topic starts with a slash, has four or five non-empty parts, and a
 * generation, when present, is a decimal number. Parts may not contain whitespace.
 */
public final class ContentTopic {

    /** The content topic nwaku uses when none is given. */
    public static final ContentTopic DEFAULT = parse("/waku/2/default-content/proto");

    private final String value;
    private final OptionalInt generation;
    private final String application;
    private final String version;
    private final String name;
    private final String encoding;

    private ContentTopic(String value, OptionalInt generation, String application, String version,
                         String name, String encoding) {
        this.value = value;
        this.generation = generation;
        this.application = application;
        this.version = version;
        this.name = name;
        this.encoding = encoding;
    }

    /** Builds the short form {@code /application/version/name/encoding}. */
    public static ContentTopic of(String application, String version, String name, String encoding) {
        return parse("/" + application + "/" + version + "/" + name + "/" + encoding);
    }

    /**
     * Parses a content topic.
     *
     * @throws InvalidTopicException naming what is wrong with {@code text}
     */
    public static ContentTopic parse(String text) {
        Objects.requireNonNull(text, "content topic");
        if (!text.startsWith("/")) {
            throw new InvalidTopicException(text, "a content topic must start with '/'");
        }
        String[] parts = text.substring(1).split("/", -1);
        if (parts.length != 4 && parts.length != 5) {
            throw new InvalidTopicException(text, "expected /<application>/<version>/<topic-name>/<encoding>"
                    + " or /<generation>/<application>/<version>/<topic-name>/<encoding>, got "
                    + parts.length + " parts");
        }
        int offset = parts.length - 4;
        OptionalInt generation = OptionalInt.empty();
        if (offset == 1) {
            generation = OptionalInt.of(parseGeneration(text, parts[0]));
        }
        String[] names = {"application", "version", "topic-name", "encoding"};
        for (int i = 0; i < 4; i++) {
            checkPart(text, names[i], parts[offset + i]);
        }
        return new ContentTopic(text, generation, parts[offset], parts[offset + 1], parts[offset + 2],
                parts[offset + 3]);
    }

    private static int parseGeneration(String text, String part) {
        checkPart(text, "generation", part);
        if (!part.chars().allMatch(c -> c >= '0' && c <= '9') || part.length() > 9) {
            throw new InvalidTopicException(text, "generation should be a numeric value, got '" + part + "'");
        }
        return Integer.parseInt(part);
    }

    private static void checkPart(String text, String partName, String part) {
        if (part.isEmpty()) {
            throw new InvalidTopicException(text, "missing " + partName);
        }
        if (part.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidTopicException(text, partName + " '" + part + "' contains whitespace");
        }
    }

    /** The generation prefix, when the long form was used. */
    public OptionalInt generation() {
        return generation;
    }

    public String application() {
        return application;
    }

    public String version() {
        return version;
    }

    public String name() {
        return name;
    }

    public String encoding() {
        return encoding;
    }

    /** The topic exactly as it was parsed; this is what goes on the wire and into hashes. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContentTopic that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
