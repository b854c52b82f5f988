package io.logos.delivery.plugin.archive.sqlite;

import java.util.List;

/**
 * One step of the archive schema: the statements that take a file from {@code version - 1} to
 * {@code version}. Steps are never edited once released; a change is a new step.
 */
record Migration(int version, List<String> statements) {

    Migration {
        if (version < 1) {
            throw new IllegalArgumentException("schema versions start at 1, got " + version);
        }
        statements = List.copyOf(statements);
    }
}
