package io.logos.delivery.app.cli.config;

/**
 * Where an option's effective value came from, in order of precedence: the command line, the
 * environment, the config file, a preset, the default.
 *
 * @param kind which source
 * @param name what an operator looks for: the variable, the file or the preset
 */
public record ValueSource(Kind kind, String name) {

    /** The sources, highest precedence first. */
    public enum Kind { COMMAND_LINE, ENVIRONMENT, CONFIG_FILE, PRESET, DEFAULT }

    static final ValueSource COMMAND_LINE = new ValueSource(Kind.COMMAND_LINE, "the command line");
    static final ValueSource DEFAULT = new ValueSource(Kind.DEFAULT, "the default");

    static ValueSource environment(String variable) {
        return new ValueSource(Kind.ENVIRONMENT, variable);
    }

    static ValueSource configFile(String file) {
        return new ValueSource(Kind.CONFIG_FILE, file);
    }

    static ValueSource preset(String preset) {
        return new ValueSource(Kind.PRESET, "preset " + preset);
    }
}
