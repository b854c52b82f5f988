package io.logos.delivery.app.cli;

import io.logos.delivery.app.NodeStartException;
import io.logos.delivery.app.Version;
import io.logos.delivery.app.cli.config.ConfigurationException;
import io.logos.delivery.app.cli.config.ConfigurationResolver;
import io.logos.delivery.app.cli.config.EffectiveConfiguration;
import io.logos.delivery.app.config.InvalidConfigurationException;
import io.logos.delivery.app.plugin.PluginLoadException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code logos-delivery} entry point. Exit status: 0 after a clean stop or an informational
 * command, 1 when the node cannot start, 2 for a bad command line, environment or config file. Every
 * error is one line on stderr.
 */
public final class Main {

    static final int STARTUP_FAILURE = 1;
    static final int USAGE_ERROR = 2;
    static final String DUMP_CONFIG = "--dump-config";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new OsShutdownSignal(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with the process environment. */
    static int run(String[] args, ShutdownSignal signal, PrintWriter out, PrintWriter err) {
        return run(args, System.getenv(), signal, out, err);
    }

    /** Runs the command; tests bring their own environment, signal and streams. */
    static int run(String[] args, Map<String, String> environment, ShutdownSignal signal, PrintWriter out,
                   PrintWriter err) {
        CommandLine commandLine = new CommandLine(new LogosDeliveryCommand(signal))
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true);
        EffectiveConfiguration configuration;
        try {
            configuration = ConfigurationResolver.resolve(commandLine, args, environment);
        } catch (ParameterException e) {
            return usageError(e, "");
        } catch (ConfigurationException e) {
            err.println("logos-delivery: " + oneLine(e.getMessage()));
            return USAGE_ERROR;
        }
        return commandLine
                .setParameterExceptionHandler((error, arguments) -> usageError(error, configuration.sourceOf(
                        error.getArgSpec()).map(source -> " (from " + source.name() + ")").orElse("")))
                .setExecutionExceptionHandler((error, cl, parsed) -> startupError(error, cl))
                .setExecutionStrategy(parsed -> execute(parsed, configuration))
                .execute(configuration.arguments());
    }

    private static int execute(ParseResult parsed, EffectiveConfiguration configuration) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        if (parsed.hasMatchedOption(DUMP_CONFIG)) {
            PrintWriter out = parsed.commandSpec().commandLine().getOut();
            out.print(configuration.toToml("logos-delivery " + Version.current()
                    + " effective configuration; run it with --config-file=<this file>"));
            out.flush();
            return 0;
        }
        return new RunLast().execute(parsed);
    }

    private static int usageError(ParameterException error, String source) {
        String hint = "";
        if (error instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            hint = "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
        }
        PrintWriter err = error.getCommandLine().getErr();
        err.println("logos-delivery: " + oneLine(error.getMessage()) + source + hint + " (see --help)");
        return USAGE_ERROR;
    }

    private static int startupError(Exception error, CommandLine commandLine) throws Exception {
        if (error instanceof InvalidConfigurationException || error instanceof PluginLoadException
                || error instanceof NodeStartException) {
            commandLine.getErr().println("logos-delivery: error: " + oneLine(error.getMessage()));
            return STARTUP_FAILURE;
        }
        throw error;
    }

    private static String oneLine(String message) {
        return String.valueOf(message).replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
