package io.logos.delivery.app.cli.config;

/**
 * A configuration source (environment, TOML file, preset) holds something the command cannot use: an
 * unknown name, a list where one value belongs, a file that does not parse. A usage error: exit status 2.
 */
public final class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
