/**
 * Benchmarks of the libp2p stack, the kernel node and the archive drivers (BENCHMARKS.md). Not part of the node:
 * built, smoke-tested, and run from the shaded {@code target/benchmarks.jar} on the class path, where this
 * descriptor is left out. It exists because every project jar with main code declares its module; it is open
 * because JMH instantiates the generated {@code jmh_generated} classes and the {@code @State} classes reflectively.
 */
open module io.logos.delivery.bench {
    requires io.logos.delivery.libp2p;
    requires io.logos.delivery.kernel;
    requires io.logos.delivery.testkit.postgres;
    requires java.sql;
    requires jmh.core;
    requires java.management;
    requires jdk.management;

    uses io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory;
}
