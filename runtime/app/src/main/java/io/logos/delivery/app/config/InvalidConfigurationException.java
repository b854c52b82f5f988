package io.logos.delivery.app.config;

/** The configuration cannot work; the message names the option and what is wrong with it. */
public final class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(String message) {
        super(message);
    }
}
