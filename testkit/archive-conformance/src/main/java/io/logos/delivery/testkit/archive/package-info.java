/** {@link io.logos.delivery.testkit.archive.ArchiveDriverConformance}: extend it in a driver's tests. */
package io.logos.delivery.testkit.archive;
