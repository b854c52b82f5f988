package io.logos.delivery.bench;

import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * One kind of archive store under test: opens empty archives of its driver plugin (found by URL scheme, as the
 * node finds it) and of its raw baseline, each under a name, and says how the store answers a query.
 */
interface ArchiveBackend extends AutoCloseable {

    /** The pool size the benchmark gives every driver; its queries come from one thread. */
    int MAX_CONNECTIONS = 4;

    /** The driver's URL scheme. */
    String name();

    /** A new, empty archive of the driver under test. */
    ArchiveDriver openDriver(String archive) throws Exception;

    /**
     * A new, empty table of the driver's shape, for the ingest baseline.
     *
     * @param batched many rows per transaction (the baseline), or one (what {@code put} cannot avoid)
     */
    RawInsert openRaw(String archive, boolean batched) throws Exception;

    /** Whether the store has transactions, so that an unbatched baseline means something. */
    default boolean transactional() {
        return true;
    }

    /**
     * Brings a loaded archive to the state a long-running node keeps it in; by default nothing.
     * PostgreSQL: the statistics that autovacuum gathers after a while (it ANALYZEs).
     */
    default void settle(String archive) throws Exception {
    }

    /** The store's own plan for {@code query} over the driver archive {@code archive}; empty when it has none. */
    List<String> plan(String archive, ArchiveQuery query) throws Exception;

    /** Frees what archive {@code archive} (driver or baseline, closed) holds. */
    void drop(String archive) throws Exception;

    @Override
    void close() throws Exception;

    /** The backend named {@code name}: memory, sqlite (files in {@code directory}) or postgres (a local server). */
    static ArchiveBackend open(String name, Path directory) throws Exception {
        return switch (name) {
            case "memory" -> new MemoryBackend();
            case "sqlite" -> new SqliteBackend(directory);
            case "postgres" -> PostgresBackend.start();
            default -> throw new IllegalArgumentException("unknown driver '" + name
                    + "': use memory, sqlite or postgres");
        };
    }

    /** Opens {@code url} with the driver plugin on the class path that serves its scheme. */
    static ArchiveDriver openUrl(String url) {
        ArchiveDriverConfig config = new ArchiveDriverConfig(url, MAX_CONNECTIONS);
        return ServiceLoader.load(ArchiveDriverFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(factory -> factory.name().equals(config.scheme()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no archive driver plugin for '" + config.scheme()
                        + "://' on the class path"))
                .create(config);
    }
}
