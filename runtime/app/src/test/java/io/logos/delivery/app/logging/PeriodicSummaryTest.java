package io.logos.delivery.app.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PeriodicSummaryTest {

    private final Logger summaryLogger = (Logger) LoggerFactory.getLogger(PeriodicSummary.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void capture() {
        summaryLogger.setLevel(Level.INFO); // whatever level earlier tests left on the root
        logged.start();
        summaryLogger.addAppender(logged);
    }

    @AfterEach
    void release() {
        summaryLogger.detachAppender(logged);
        summaryLogger.setLevel(null);
    }

    @Test
    void theLineReadsEveryFigureAfresh() {
        AtomicInteger peers = new AtomicInteger(3);
        try (PeriodicSummary summary = PeriodicSummary.start(List.of(
                new SummaryFigure("peers", peers::get), new SummaryFigure("relay shards", () -> 8)),
                Duration.ofHours(1))) {
            assertEquals("Summary: peers=3, relay shards=8", summary.line());
            peers.set(4);
            assertEquals("Summary: peers=4, relay shards=8", summary.line());
        }
    }

    @Test
    void linesAreLoggedAtTheIntervalAndAFailingFigureDoesNotStopThem() throws InterruptedException {
        AtomicInteger reads = new AtomicInteger();
        try (PeriodicSummary ignored = PeriodicSummary.start(List.of(
                new SummaryFigure("reads", reads::incrementAndGet),
                new SummaryFigure("broken", () -> {
                    throw new IllegalStateException("not yet");
                })), Duration.ofMillis(10))) {
            awaitLines(3);
        }
        List<String> lines = messages();
        assertEquals("Summary: reads=1, broken=?", lines.get(0));
        assertEquals("Summary: reads=2, broken=?", lines.get(1));
    }

    @Test
    void theIntervalMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> PeriodicSummary.start(List.of(), Duration.ZERO));
    }

    private List<String> messages() {
        synchronized (logged) {
            return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private void awaitLines(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (messages().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " summary lines, got " + messages());
            }
            Thread.sleep(5);
        }
    }
}
