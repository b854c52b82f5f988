package io.logos.delivery.app;

/** The version of this build, as recorded in the module descriptor by the build. */
public final class Version {

    private Version() {
    }

    public static String current() {
        Module module = Version.class.getModule();
        if (module.getDescriptor() != null && module.getDescriptor().rawVersion().isPresent()) {
            return module.getDescriptor().rawVersion().get();
        }
        String manifestVersion = Version.class.getPackage().getImplementationVersion();
        return manifestVersion != null ? manifestVersion : "unknown";
    }
}
