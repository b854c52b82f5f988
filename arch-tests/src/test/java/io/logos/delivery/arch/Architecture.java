package io.logos.delivery.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The module layout of DESIGN.md §2 as data, and the ArchUnit rules that enforce it.
 *
 * <p>Every rule is made for a root package, so the very same definitions check the real code
 * ({@link #PROJECT_ROOT}) and the fixtures under {@code fixtures.arch.*} that prove each rule can fail.
 * The rules are strict about emptiness (ArchUnit's default {@code allowEmptyShould(false)}): a caller
 * that checks a module without classes yet must skip it explicitly (see {@link #hasClasses}).
 */
public final class Architecture {

    public static final String PROJECT_ROOT = "io.logos.delivery";

    /** Library packages whose types must not appear in api/spi (DESIGN.md §2, §3). */
    public static final List<String> FRAMEWORK_PACKAGES =
            List.of("io.netty..", "com.google.protobuf..", "com.google.inject..", "com.fasterxml.jackson..");

    /**
     * One row per module of DESIGN.md §2: its package below the root and the project modules it may
     * use besides itself. Lower api modules that reach a module through {@code requires transitive}
     * are listed explicitly. Packages of non-project libraries are not restricted here, except by
     * {@link #apiKernelUsesOnlyTheJdk} and {@link #apiAndSpiUseNoFrameworkTypes}.
     */
    public enum Module {
        API_KERNEL("api.kernel"),
        API_MESSAGING("api.messaging", API_KERNEL),
        API_CHANNELS("api.channels", API_MESSAGING, API_KERNEL),
        SPI_KERNEL("spi.kernel", API_KERNEL),
        SPI_MESSAGING("spi.messaging", API_MESSAGING, API_KERNEL),
        SPI_CHANNELS("spi.channels", API_CHANNELS, API_MESSAGING, API_KERNEL),
        LIBP2P("libp2p"),
        KERNEL("kernel", API_KERNEL, SPI_KERNEL, LIBP2P),
        MESSAGING("messaging", API_MESSAGING, SPI_MESSAGING, API_KERNEL),
        CHANNELS("channels", API_CHANNELS, SPI_CHANNELS, API_MESSAGING, API_KERNEL),
        PLUGINS("plugin", API_KERNEL, API_MESSAGING, API_CHANNELS, SPI_KERNEL, SPI_MESSAGING, SPI_CHANNELS),
        /** Conformance suites plugin authors run against their implementations (ADR 0011). */
        TESTKIT("testkit", API_KERNEL, API_MESSAGING, API_CHANNELS, SPI_KERNEL, SPI_MESSAGING, SPI_CHANNELS),
        APP("app", API_KERNEL, API_MESSAGING, API_CHANNELS, SPI_KERNEL, SPI_MESSAGING, SPI_CHANNELS,
                LIBP2P, KERNEL, MESSAGING, CHANNELS, PLUGINS);

        private final String subPackage;
        private final Set<Module> mayUse;

        Module(String subPackage, Module... mayUse) {
            this.subPackage = subPackage;
            this.mayUse = Set.of(mayUse);
        }

        /** The project modules this module may depend on, besides itself. */
        public Set<Module> mayUse() {
            return mayUse;
        }

        /** The ArchUnit package pattern of this module under {@code root}, e.g. {@code io.logos.delivery.api.kernel..}. */
        public String packages(String root) {
            return root + "." + subPackage + "..";
        }

        public boolean isApiOrSpi() {
            return subPackage.startsWith("api.") || subPackage.startsWith("spi.");
        }

        @Override
        public String toString() {
            return subPackage;
        }
    }

    private Architecture() {}

    /** Rule 1, one per row: no class of {@code module} depends on a project package outside the module's allowed set. */
    public static ArchRule dependsOnlyOnAllowedModules(String root, Module module) {
        String[] allowed = Stream.concat(Stream.of(module), module.mayUse().stream())
                .map(m -> m.packages(root))
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage(module.packages(root))
                .should().dependOnClassesThat(resideInAPackage(root + "..").and(not(resideInAnyPackage(allowed))))
                .because("module " + module + " may use only " + module.mayUse() + " of the project (DESIGN.md §2)");
    }

    /** Rule 1, api.kernel row: it depends on the JDK ({@code java..}) only. */
    public static ArchRule apiKernelUsesOnlyTheJdk(String root) {
        return classes().that().resideInAPackage(Module.API_KERNEL.packages(root))
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", Module.API_KERNEL.packages(root))
                .because("api.kernel depends on the JDK only (DESIGN.md §2)");
    }

    /** Rule 2: api and spi classes use no Netty, protobuf, Guice or Jackson type at all. */
    public static ArchRule apiAndSpiUseNoFrameworkTypes(String root) {
        String[] apiAndSpi = Arrays.stream(Module.values())
                .filter(Module::isApiOrSpi)
                .map(m -> m.packages(root))
                .toArray(String[]::new);
        return noClasses().that().resideInAnyPackage(apiAndSpi)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORK_PACKAGES.toArray(String[]::new))
                .because("api and spi have no Netty/protobuf/Guice/Jackson types (DESIGN.md §2, §3)");
    }

    /** Rule 3: no cycles between packages (one slice per package, so also none within a module). */
    public static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(**)").namingSlices("package $1")
                .should().beFreeOfCycles()
                .because("packages form a hierarchy inside and across modules");
    }

    /** Every project class lives in a module of the table, so no class escapes rule 1. */
    public static ArchRule everyClassBelongsToAModule(String root) {
        String[] modules = Arrays.stream(Module.values()).map(m -> m.packages(root)).toArray(String[]::new);
        return classes().that().resideInAPackage(root + "..")
                .should().resideInAnyPackage(modules)
                .because("every package belongs to a module of DESIGN.md §2 (add a row to Architecture.Module)");
    }

    /** Whether {@code classes} hold any class of {@code module}; checking an empty module fails by design. */
    public static boolean hasClasses(JavaClasses classes, String root, Module module) {
        return !classes.that(resideInAPackage(module.packages(root))).isEmpty();
    }

    /** The modules of the table that have classes in {@code classes}, for messages. */
    public static String modulesPresent(JavaClasses classes, String root) {
        return Arrays.stream(Module.values())
                .filter(m -> hasClasses(classes, root, m))
                .map(Module::toString)
                .collect(Collectors.joining(", "));
    }
}
