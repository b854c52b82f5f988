package io.logos.delivery.kernel.archive;

import io.logos.delivery.api.kernel.node.MessageListener;
import io.logos.delivery.api.kernel.node.ReceivedMessage;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores relayed messages in arrival order on its own thread, so that a slow database never holds up relay
 * delivery. Ephemeral messages are not stored (RFC 14). The driver stays owned by whoever created it.
 */
public final class ArchiveWriter implements MessageListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveWriter.class);

    private final ArchiveDriver driver;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("archive-writer").daemon().factory());

    public ArchiveWriter(ArchiveDriver driver) {
        this.driver = driver;
    }

    @Override
    public void onMessage(ReceivedMessage received) {
        if (received.message().ephemeral()) {
            return;
        }
        ArchivedMessage archived = new ArchivedMessage(received.hash(), received.pubsubTopic(), received.message());
        writer.execute(() -> store(archived));
    }

    private void store(ArchivedMessage message) {
        try {
            if (!driver.put(message)) {
                LOG.trace("Archive already holds {}", message.hash());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not archive {}: {}", message.hash(), e.getMessage());
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Archive writer did not finish its queue within 10 s");
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
