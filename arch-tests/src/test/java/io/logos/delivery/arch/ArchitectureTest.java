package io.logos.delivery.arch;

import static io.logos.delivery.arch.Architecture.PROJECT_ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.logos.delivery.arch.Architecture.Module;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rules of {@link Architecture} over the real code: every project module on the test classpath. */
class ArchitectureTest {

    /** The project's main classes from the module jars; this module's own test classes are left out. */
    private static final JavaClasses PROJECT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(PROJECT_ROOT);

    @Test
    void theImportReadsTheProjectsJava25ClassFiles() throws IOException {
        // ArchUnit skips a class file it cannot parse with a log warning only; so a rule could pass
        // vacuously. These classes exist, so they must have been read.
        for (String name : Set.of(
                "io.logos.delivery.api.kernel.WakuMessage",
                "io.logos.delivery.api.kernel.ContentTopic",
                "io.logos.delivery.spi.kernel.archive.ArchiveDriver",
                "io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory")) {
            assertTrue(PROJECT.contain(name), () -> name + " was not imported; modules seen: "
                    + Architecture.modulesPresent(PROJECT, PROJECT_ROOT));
        }
        JavaClass wakuMessage = PROJECT.get("io.logos.delivery.api.kernel.WakuMessage");
        assertTrue(wakuMessage.getDirectDependenciesFromSelf().size() > 0, "the dependencies of WakuMessage were read");
        try (InputStream in = wakuMessage.getSource().orElseThrow().getUri().toURL().openStream()) {
            byte[] header = in.readNBytes(8);
            int major = (header[6] & 0xff) << 8 | header[7] & 0xff;
            assertTrue(major >= 69, "WakuMessage.class is a Java 25 (major 69) class file, was " + major);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Module.class)
    void moduleDependsOnlyOnItsAllowedModules(Module module) {
        assumeTrue(Architecture.hasClasses(PROJECT, PROJECT_ROOT, module),
                () -> module + " has no classes on the test classpath yet");
        Architecture.dependsOnlyOnAllowedModules(PROJECT_ROOT, module).check(PROJECT);
    }

    @Test
    void apiKernelUsesOnlyTheJdk() {
        Architecture.apiKernelUsesOnlyTheJdk(PROJECT_ROOT).check(PROJECT);
    }

    @Test
    void apiAndSpiUseNoFrameworkTypes() {
        Architecture.apiAndSpiUseNoFrameworkTypes(PROJECT_ROOT).check(PROJECT);
    }

    @Test
    void noPackageCycles() {
        Architecture.noPackageCycles(PROJECT_ROOT).check(PROJECT);
    }

    @Test
    void everyClassBelongsToAModule() {
        Architecture.everyClassBelongsToAModule(PROJECT_ROOT).check(PROJECT);
    }

    /** The table itself says what DESIGN.md §2 says, so an edit of the data cannot quietly weaken rule 1. */
    @Test
    void theTableEncodesTheLayering() {
        Set<Module> messagingAndChannels = EnumSet.of(Module.API_MESSAGING, Module.API_CHANNELS,
                Module.SPI_MESSAGING, Module.SPI_CHANNELS, Module.MESSAGING, Module.CHANNELS);
        for (Module kernel : EnumSet.of(Module.API_KERNEL, Module.SPI_KERNEL, Module.KERNEL)) {
            assertTrue(kernel.mayUse().stream().noneMatch(messagingAndChannels::contains),
                    kernel + " uses nothing of messaging or channels");
        }
        assertEquals(Set.of(), Module.LIBP2P.mayUse(), "libp2p uses nothing of Waku");
        assertEquals(Set.of(), Module.API_KERNEL.mayUse(), "api.kernel uses no other module");
        for (Module module : Module.values()) {
            if (module.isApiOrSpi() || module == Module.PLUGINS || module == Module.TESTKIT) {
                assertTrue(module.mayUse().stream().allMatch(Module::isApiOrSpi), module + " uses api/spi only");
            }
            if (module.toString().startsWith("spi.")) {
                assertTrue(module.mayUse().stream().noneMatch(m -> m.toString().startsWith("spi.")),
                        module + " uses api modules only");
            }
        }
        assertEquals(EnumSet.complementOf(EnumSet.of(Module.APP, Module.TESTKIT)), Module.APP.mayUse(),
                "app may use everything but the test kits");
    }
}
