package io.logos.delivery.app.cli;

import io.logos.delivery.app.NodeStartException;
import io.logos.delivery.app.config.InvalidConfigurationException;
import io.logos.delivery.app.plugin.PluginLoadException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code logos-delivery} entry point. Exit status: 0 after a clean stop or an informational
 * command, 1 when the node cannot start, 2 for a bad command line. Every error is one line on stderr.
 */
public final class Main {

    static final int STARTUP_FAILURE = 1;
    static final int USAGE_ERROR = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new OsShutdownSignal(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command; visible for tests, which bring their own signal and streams. */
    static int run(String[] args, ShutdownSignal signal, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new LogosDeliveryCommand(signal))
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(Main::usageError)
                .setExecutionExceptionHandler((error, cl, parsed) -> startupError(error, cl));
        return commandLine.execute(args);
    }

    private static int usageError(ParameterException error, String[] args) {
        String hint = "";
        if (error instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            hint = "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
        }
        PrintWriter err = error.getCommandLine().getErr();
        err.println("logos-delivery: " + oneLine(error.getMessage()) + hint + " (see --help)");
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
