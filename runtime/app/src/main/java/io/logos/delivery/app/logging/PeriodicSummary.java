package io.logos.delivery.app.logging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line of the node's figures at a fixed interval ({@code --metrics-logging}), so an operator
 * tailing the log sees at a glance whether the node is connected and relaying:
 * {@code Summary: peers=3, known peers=12, relay shards=8}.
 */
public final class PeriodicSummary implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicSummary.class);

    private final List<SummaryFigure> figures;
    private final ScheduledExecutorService scheduler;

    private PeriodicSummary(List<SummaryFigure> figures) {
        this.figures = List.copyOf(figures);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("summary").daemon().factory());
    }

    /** Logs the summary every {@code interval}, the first line one interval from now, until closed. */
    public static PeriodicSummary start(List<SummaryFigure> figures, Duration interval) {
        if (!interval.isPositive()) {
            throw new IllegalArgumentException("summary interval must be positive, got " + interval);
        }
        PeriodicSummary summary = new PeriodicSummary(figures);
        long millis = interval.toMillis();
        summary.scheduler.scheduleAtFixedRate(summary::log, millis, millis, TimeUnit.MILLISECONDS);
        return summary;
    }

    /** The line as it would be logged now. */
    public String line() {
        return figures.stream().map(figure -> figure.name() + "=" + read(figure))
                .collect(Collectors.joining(", ", "Summary: ", ""));
    }

    private void log() {
        LOG.info(line());
    }

    /** A figure that fails shows as {@code ?}; it must not end the schedule. */
    private static String read(SummaryFigure figure) {
        try {
            return String.valueOf(figure.value().get());
        } catch (RuntimeException e) {
            LOG.debug("Summary figure {} failed", figure.name(), e);
            return "?";
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
