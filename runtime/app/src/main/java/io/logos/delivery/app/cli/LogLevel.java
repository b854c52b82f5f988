package io.logos.delivery.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** nwaku's log levels, mapped onto Logback's. */
enum LogLevel {
    TRACE(Level.TRACE), DEBUG(Level.DEBUG), INFO(Level.INFO), NOTICE(Level.INFO), WARN(Level.WARN),
    ERROR(Level.ERROR), FATAL(Level.ERROR);

    private final Level level;

    LogLevel(Level level) {
        this.level = level;
    }

    void apply() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(level);
    }
}
