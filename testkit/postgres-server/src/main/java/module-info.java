/**
 * A real PostgreSQL server for tests and benchmarks, started from the binaries that zonky publishes on Maven
 * Central: the PostgreSQL archive driver's tests and the archive benchmark use it.
 */
module io.logos.delivery.testkit.postgres {
    requires transitive java.sql;
    requires org.postgresql.jdbc;
    requires embedded.postgres;

    exports io.logos.delivery.testkit.postgres;
}
