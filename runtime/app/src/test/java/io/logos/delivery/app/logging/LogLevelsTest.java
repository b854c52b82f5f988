package io.logos.delivery.app.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogLevelsTest {

    private final Logger someLogger = LoggerFactory.getLogger("io.logos.delivery.kernel.SomeProtocol");

    @AfterEach
    void restore() {
        LogLevels.set(LogLevel.INFO);
    }

    @Test
    void theLevelChangesWhileRunning() {
        LogLevels.set("INFO");
        assertFalse(someLogger.isDebugEnabled());
        assertEquals(LogLevel.DEBUG, LogLevels.set("debug"));
        assertTrue(someLogger.isDebugEnabled());
        assertEquals(LogLevel.DEBUG, LogLevels.current());
        LogLevels.set("error");
        assertFalse(someLogger.isWarnEnabled());
        assertTrue(someLogger.isErrorEnabled());
    }

    @Test
    void nwakuLevelsWithoutALogbackTwinMapToTheNearest() {
        LogLevels.set("NOTICE");
        assertTrue(someLogger.isInfoEnabled());
        assertFalse(someLogger.isDebugEnabled());
        assertEquals(LogLevel.NOTICE, LogLevels.current());
    }

    @Test
    void anUnknownLevelIsRefusedAndChangesNothing() {
        LogLevels.set("warn");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> LogLevels.set("loud"));
        assertEquals("unknown log level 'loud'; expected one of [TRACE, DEBUG, INFO, NOTICE, WARN, ERROR, FATAL]",
                error.getMessage());
        assertEquals(LogLevel.WARN, LogLevels.current());
        assertFalse(someLogger.isInfoEnabled());
    }
}
