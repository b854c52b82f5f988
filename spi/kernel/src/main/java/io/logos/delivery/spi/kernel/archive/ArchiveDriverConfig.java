package io.logos.delivery.spi.kernel.archive;

import java.util.Objects;

/**
 * What a node tells an archive driver when opening it.
 *
 * @param url the full {@code --store-message-db-url}, {@code <scheme>://<location>}, e.g.
 *     {@code sqlite://store.sqlite3} or {@code memory://}; relative file paths resolve against the
 *     node's working directory, as in nwaku
 * @param maxConnections the largest connection pool a driver may open ({@code --store-max-num-db-connections})
 */
public record ArchiveDriverConfig(String url, int maxConnections) {

    private static final String SEPARATOR = "://";

    public ArchiveDriverConfig {
        Objects.requireNonNull(url, "url");
        schemeOf(url);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max connections must be positive, got " + maxConnections);
        }
    }

    /**
     * The scheme of an archive URL: the part before {@code ://}, which names the driver.
     *
     * @throws IllegalArgumentException when the URL has no scheme
     */
    public static String schemeOf(String url) {
        int end = url.indexOf(SEPARATOR);
        if (end <= 0) {
            throw new IllegalArgumentException("archive URL '" + url
                    + "' has no scheme: expected <scheme>://<location>, e.g. sqlite://store.sqlite3 or memory://");
        }
        return url.substring(0, end);
    }

    /** The driver's name for this URL. */
    public String scheme() {
        return schemeOf(url);
    }

    /** Everything after {@code <scheme>://}: a path, a host and database, or parameters. */
    public String location() {
        return url.substring(url.indexOf(SEPARATOR) + SEPARATOR.length());
    }
}
