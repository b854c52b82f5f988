package io.logos.delivery.arch;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.logos.delivery.arch.Architecture.Module;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves that each rule of {@link Architecture} can fail: the same rule definitions, made for the
 * fixture roots instead of {@code io.logos.delivery}, fail on {@code fixtures.arch.bad} (naming the
 * offending classes) and pass on {@code fixtures.arch.good}, a conforming miniature of every module.
 */
class ArchitectureFixturesTest {

    private static final String GOOD = "fixtures.arch.good";
    private static final String BAD = "fixtures.arch.bad";

    private static final JavaClasses GOOD_CLASSES = new ClassFileImporter().importPackages(GOOD);
    private static final JavaClasses BAD_CLASSES = new ClassFileImporter().importPackages(BAD);

    /** Each rule, made for a root, and the classes of {@code fixtures.arch.bad} that break it. */
    static Stream<Arguments> violations() {
        return Stream.of(
                violation("api.kernel row", root -> Architecture.dependsOnlyOnAllowedModules(root, Module.API_KERNEL),
                        "api.kernel.ApiKernelUsingMessaging"),
                violation("spi.kernel row", root -> Architecture.dependsOnlyOnAllowedModules(root, Module.SPI_KERNEL),
                        "spi.kernel.SpiUsingRuntime"),
                violation("libp2p row", root -> Architecture.dependsOnlyOnAllowedModules(root, Module.LIBP2P),
                        "libp2p.Libp2pUsingWaku"),
                violation("kernel row", root -> Architecture.dependsOnlyOnAllowedModules(root, Module.KERNEL),
                        "kernel.KernelUsingMessaging"),
                violation("plugins row", root -> Architecture.dependsOnlyOnAllowedModules(root, Module.PLUGINS),
                        "plugin.archive.memory.PluginUsingRuntime"),
                violation("api.kernel uses only the JDK", Architecture::apiKernelUsesOnlyTheJdk,
                        "api.kernel.ApiKernelUsingProtobuf", "api.kernel.ApiKernelUsingMessaging"),
                violation("api and spi use no framework types", Architecture::apiAndSpiUseNoFrameworkTypes,
                        "api.kernel.ApiKernelUsingProtobuf", "spi.messaging.SpiUsingFrameworks"),
                violation("no package cycles", Architecture::noPackageCycles,
                        "kernel.relay.RelayUsingStore", "kernel.store.StoreUsingRelay"),
                violation("every class belongs to a module", Architecture::everyClassBelongsToAModule,
                        "stray.StrayClass"));
    }

    private static Arguments violation(String name, Function<String, ArchRule> rule, String... offenders) {
        return arguments(named(name, rule), List.of(offenders));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void ruleFailsOnTheViolatingFixtureNamingTheOffenders(Function<String, ArchRule> rule, List<String> offenders) {
        AssertionError failure = assertThrows(AssertionError.class, () -> rule.apply(BAD).check(BAD_CLASSES));
        String report = failure.getMessage();
        assertAll(offenders.stream().map(offender -> () -> assertTrue(
                // "<fqn>" (a class) or "<fqn.member...>" (a field, method, constructor)
                Pattern.compile("<" + Pattern.quote(BAD + "." + offender) + "[.>]").matcher(report).find(),
                () -> "the report names " + offender + ":\n" + report)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void ruleHoldsOnTheConformingFixture(Function<String, ArchRule> rule) {
        rule.apply(GOOD).check(GOOD_CLASSES);
    }

    /** Every row holds on the conforming miniature, which has classes in every module (so no row passes empty). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Module.class)
    void everyRowHoldsOnTheConformingFixture(Module module) {
        Architecture.dependsOnlyOnAllowedModules(GOOD, module).check(GOOD_CLASSES);
    }

    /** A row over a module without classes fails instead of passing vacuously; callers skip such modules explicitly. */
    @Test
    void aRowRefusesToPassWithoutClasses() {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> Architecture.dependsOnlyOnAllowedModules(BAD, Module.CHANNELS).check(BAD_CLASSES));
        assertTrue(failure.getMessage().contains("failed to check any classes"), failure::getMessage);
        assertTrue(!Architecture.hasClasses(BAD_CLASSES, BAD, Module.CHANNELS)
                && Architecture.hasClasses(BAD_CLASSES, BAD, Module.KERNEL));
    }
}
