package io.logos.delivery.app.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;

/**
 * The human-readable log line: ISO time, level, thread, logger, message. Named by {@code logback.xml}
 * and used by {@link LogFormat#TEXT}, so the pattern is written once.
 */
public final class TextLogEncoder extends PatternLayoutEncoder {

    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%n";

    public TextLogEncoder() {
        setPattern(PATTERN);
    }
}
