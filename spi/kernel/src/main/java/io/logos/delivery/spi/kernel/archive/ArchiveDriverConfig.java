package io.logos.delivery.spi.kernel.archive;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a node tells an archive driver when opening it.
 *
 * @param url the full {@code --store-message-db-url}, e.g. {@code sqlite://store.sqlite3}
 * @param dataDirectory the node's data folder, against which relative paths resolve
 * @param maxConnections the largest connection pool a driver may open ({@code --store-max-num-db-connections})
 */
public record ArchiveDriverConfig(URI url, Path dataDirectory, int maxConnections) {

    public ArchiveDriverConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(dataDirectory, "data directory");
        if (url.getScheme() == null) {
            throw new IllegalArgumentException("archive URL '" + url + "' has no scheme");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be positive, got " + maxConnections);
        }
    }
}
