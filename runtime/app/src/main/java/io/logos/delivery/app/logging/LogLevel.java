package io.logos.delivery.app.logging;

import ch.qos.logback.classic.Level;

/** nwaku's log levels ({@code --log-level}), mapped onto Logback's. */
public enum LogLevel {
    TRACE(Level.TRACE), DEBUG(Level.DEBUG), INFO(Level.INFO), NOTICE(Level.INFO), WARN(Level.WARN),
    ERROR(Level.ERROR), FATAL(Level.ERROR);

    private final Level level;

    LogLevel(Level level) {
        this.level = level;
    }

    Level logbackLevel() {
        return level;
    }
}
