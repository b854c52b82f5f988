/**
 * The assembly: {@code LogosDelivery}, configuration, plugin loading, Guice wiring and the
 * {@code logos-delivery} command. The only module that knows every layer.
 */
module io.logos.delivery.app {
    requires io.logos.delivery.kernel;
    requires io.logos.delivery.libp2p;
    requires io.logos.delivery.messaging;
    requires io.logos.delivery.channels;
    requires io.logos.delivery.spi.kernel;
    requires com.google.guice;
    // Guice is an automatic module and cannot require Guava itself; this puts Guava in the module graph
    requires com.google.common;
    requires jakarta.inject;
    requires info.picocli;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.toml;
    requires jdk.unsupported;
    // the REST API's and the metrics' HTTP server
    requires jdk.httpserver;
    // the JVM's and the process's metrics (CPU time, file descriptors)
    requires jdk.management;

    uses io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory;
    uses io.logos.delivery.spi.messaging.SendProcessorFactory;

    exports io.logos.delivery.app;
    exports io.logos.delivery.app.config;
    exports io.logos.delivery.app.plugin;
    // LogLevels for the REST layer; logback.xml instantiates TextLogEncoder from here
    exports io.logos.delivery.app.logging;

    opens io.logos.delivery.app to com.google.guice;
    opens io.logos.delivery.app.wiring to com.google.guice;
    opens io.logos.delivery.app.cli to info.picocli;
    opens io.logos.delivery.app.rest.json to com.fasterxml.jackson.databind;
}
