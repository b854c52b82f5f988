package io.logos.delivery.app.logging;

import ch.qos.logback.classic.Logger;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;

/**
 * The node's log level, set at start-up from {@code --log-level} and changeable while it runs (nwaku's
 * {@code POST /admin/v1/log-level/{logLevel}}). It applies to every logger that has no level of its own.
 */
public final class LogLevels {

    private static final AtomicReference<LogLevel> CURRENT = new AtomicReference<>(LogLevel.INFO);

    private LogLevels() {
    }

    /** Applies {@code level} to the root logger. */
    public static void set(LogLevel level) {
        rootLogger().setLevel(level.logbackLevel());
        CURRENT.set(level);
    }

    /**
     * Applies the level named {@code name}, in any case ({@code debug}, {@code NOTICE}).
     *
     * @return the level now in force
     * @throws IllegalArgumentException naming the accepted levels when {@code name} is none of them
     */
    public static LogLevel set(String name) {
        LogLevel level;
        try {
            level = LogLevel.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown log level '" + name + "'; expected one of "
                    + Arrays.toString(LogLevel.values()), e);
        }
        set(level);
        return level;
    }

    /** The level last set. */
    public static LogLevel current() {
        return CURRENT.get();
    }

    private static Logger rootLogger() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
