package io.logos.delivery.app.plugin;

/** A plugin could not be loaded; the message names the jar and the reason. */
public final class PluginLoadException extends RuntimeException {

    public PluginLoadException(String message) {
        super(message);
    }

    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
