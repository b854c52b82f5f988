package io.logos.delivery.plugin.archive.sqlite;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The child process of {@link KillDuringIngestTest}: puts messages into the archive named by its argument
 * as fast as it can, forever, and prints each message's hash on its own line once {@code put} has
 * returned true. Every hash printed is therefore acknowledged to the parent.
 */
final class IngestUntilKilled {

    private IngestUntilKilled() {
    }

    public static void main(String[] args) throws IOException {
        PubsubTopic shard = PubsubTopic.of("/waku/2/rs/1/0");
        Random random = new Random();
        long timestamp = System.currentTimeMillis() * 1_000_000L;
        try (ArchiveDriver driver = new SqliteArchiveDriverFactory().create(new ArchiveDriverConfig(args[0], 2));
             Writer out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                     StandardCharsets.US_ASCII))) {
            for (long i = 0; ; i++) {
                byte[] payload = new byte[64 + random.nextInt(1024)];
                random.nextBytes(payload);
                ArchivedMessage message = ArchivedMessage.of(shard, WakuMessage.builder()
                        .contentTopic("/test/1/topic-" + (i % 10) + "/proto").payload(payload).timestamp(timestamp + i)
                        .build());
                if (driver.put(message)) {
                    out.write(message.hash().toHex() + "\n");
                    out.flush();
                }
            }
        }
    }
}
