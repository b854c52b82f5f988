package io.logos.delivery.messaging.receive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last time the messaging layer was online, kept in {@code <state directory>/messaging-last-online} as an ISO
 * instant, so that a restarted node knows since when it missed messages. Written atomically; an unreadable file
 * counts as none (a warning, not a failure: the node then backfills nothing).
 */
final class LastOnlineFile {

    static final String NAME = "messaging-last-online";

    private static final Logger LOG = LoggerFactory.getLogger(LastOnlineFile.class);

    private final Path file;

    LastOnlineFile(Path directory) {
        this.file = directory.resolve(NAME);
    }

    Optional<Instant> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(Files.readString(file, StandardCharsets.UTF_8).strip()));
        } catch (IOException | DateTimeParseException e) {
            LOG.warn("Ignoring {}: {}; nothing is backfilled for the time the node was down", file, e.getMessage());
            return Optional.empty();
        }
    }

    void write(Instant lastOnline) {
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(NAME + ".next");
            Files.writeString(next, lastOnline.toString(), StandardCharsets.UTF_8);
            try {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("Cannot record the last online time in {}: {}", file, e.getMessage());
        }
    }
}
