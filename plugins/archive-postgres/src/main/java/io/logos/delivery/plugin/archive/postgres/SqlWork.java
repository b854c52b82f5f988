package io.logos.delivery.plugin.archive.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/** Something done with one connection. */
@FunctionalInterface
interface SqlWork<T> {

    T apply(Connection connection) throws SQLException;
}
