package io.logos.delivery.messaging.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastOnlineFileTest {

    @TempDir
    Path directory;

    @Test
    void keepsTheLastTimeWrittenAcrossInstances() {
        assertEquals(Optional.empty(), new LastOnlineFile(directory).read());
        Instant first = Instant.parse("2026-11-22T10:00:00.123456789Z");
        new LastOnlineFile(directory).write(first);
        new LastOnlineFile(directory).write(first.plusSeconds(60));
        assertEquals(Optional.of(first.plusSeconds(60)), new LastOnlineFile(directory).read());
    }

    @Test
    void anUnreadableFileCountsAsNone() throws Exception {
        Files.writeString(directory.resolve(LastOnlineFile.NAME), "yesterday");
        assertEquals(Optional.empty(), new LastOnlineFile(directory).read());
    }
}
