package io.logos.delivery.app.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.module.ResolvedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Builds small archive-driver plugin jars at test time with javac, against the SPI module the tests
 * run with, the way a third party would build one.
 */
public final class TestPluginJars {

    private TestPluginJars() {
    }

    /** The real memory archive plugin jar, copied by the build into {@code target/test-plugins}. */
    public static Path memoryPluginJar() {
        return builtPluginJar("archive-memory");
    }

    /** Copies the plugins a node of the distribution has (memory archive, relay and light push sending) into {@code folder}. */
    public static void installDistributionPlugins(Path folder) throws IOException {
        for (String plugin : List.of("archive-memory", "send-relay", "send-lightpush")) {
            Files.copy(builtPluginJar(plugin), folder.resolve(plugin + ".jar"));
        }
    }

    /** The jar of one of the project's plugins, as the build copied it for the tests. */
    private static Path builtPluginJar(String name) {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("test.plugins.dir")))) {
            return files.filter(f -> f.getFileName().toString().contains(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the build copied no " + name + " plugin jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code <directory>/<module>.jar}: module {@code module}, version {@code moduleVersion}, providing an
     * archive driver factory named {@code driverName} that reports {@code spiVersion} and whose {@code create}
     * fails with an {@code ArchiveException} naming the URL.
     */
    public static Path archivePlugin(Path directory, String module, String driverName, int spiVersion,
                                     String moduleVersion) throws IOException {
        Path work = Files.createTempDirectory("plugin-src");
        String pkg = module + ".impl";
        Path sources = Files.createDirectories(work.resolve("src").resolve(pkg.replace('.', '/')));
        Path moduleInfo = work.resolve("src/module-info.java");
        Files.writeString(moduleInfo, """
                module %s {
                    requires io.logos.delivery.spi.kernel;
                    provides io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory with %s.Factory;
                }
                """.formatted(module, pkg));
        Path factory = sources.resolve("Factory.java");
        Files.writeString(factory, """
                package %s;

                import io.logos.delivery.spi.kernel.archive.*;

                public final class Factory implements ArchiveDriverFactory {
                    public String name() { return "%s"; }
                    public int spiVersion() { return %d; }
                    public ArchiveDriver create(ArchiveDriverConfig config) {
                        throw new ArchiveException("test driver cannot open " + config.url());
                    }
                }
                """.formatted(pkg, driverName, spiVersion));
        Path classes = work.resolve("classes");
        StringWriter diagnostics = new StringWriter();
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "--module-path", modulePathOf("io.logos.delivery.spi.kernel", "io.logos.delivery.api.kernel"),
                "--module-version", moduleVersion, "-d", classes.toString(),
                moduleInfo.toString(), factory.toString());
        assertEquals(0, status, "javac failed: " + diagnostics);
        Path jar = Files.createDirectories(directory).resolve(module + ".jar");
        writeJar(classes, jar);
        return jar;
    }

    private static String modulePathOf(String... modules) {
        List<String> locations = new ArrayList<>();
        for (String name : modules) {
            ResolvedModule module = ModuleLayer.boot().configuration().findModule(name).orElseThrow();
            locations.add(Path.of(module.reference().location().orElseThrow()).toString());
        }
        return String.join(java.io.File.pathSeparator, locations);
    }

    private static void writeJar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file);
             Stream<Path> tree = Files.walk(classes)) {
            for (Path path : tree.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
    }
}
