package io.logos.delivery.bench;

import io.logos.delivery.spi.kernel.archive.ArchivedMessage;

/** The ingest baseline of one kind of store: the same rows written the fastest plain way, without a driver. */
interface RawInsert extends AutoCloseable {

    /** What the baseline does, for the report. */
    String description();

    /** Stores every message. */
    void insertAll(ArchivedMessage[] messages) throws Exception;

    @Override
    void close() throws Exception;
}
