/** {@link io.logos.delivery.testkit.postgres.EmbeddedPostgresServer}: a throw-away PostgreSQL on loopback. */
package io.logos.delivery.testkit.postgres;
