package io.logos.delivery.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.app.plugin.TestPluginJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options from flags, {@code WAKUNODE2_*} variables, a TOML file and presets, and {@code --dump-config}. */
class ConfigurationSourcesTest {

    @TempDir
    Path plugins;

    @TempDir
    Path data;

    @TempDir
    Path configs;

    private CommandRunner runner;

    @BeforeEach
    void setUp() throws IOException {
        Files.copy(TestPluginJars.memoryPluginJar(), plugins.resolve("archive-memory.jar"));
        runner = new CommandRunner(plugins, data);
    }

    private Path configFile(String... lines) throws IOException {
        Path file = Files.createTempFile(configs, "node", ".toml");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    /** The {@code --dump-config} line of {@code key}: its value and, after {@code  # from }, its source. */
    private String dumped(String key, String... args) {
        runner.clearOutput();
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.add("--dump-config");
        assertEquals(0, runner.run(all.toArray(String[]::new)), runner.err.toString());
        return runner.out.toString().lines().filter(line -> line.startsWith(key + " = "))
                .map(line -> line.substring(key.length() + 3)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " missing from " + runner.out));
    }

    @Test
    void anEnvironmentVariableSetsAnOptionAndAFlagOverridesIt() {
        runner.environment.put("WAKUNODE2_TCP_PORT", "60001");
        assertEquals("60001  # from WAKUNODE2_TCP_PORT", dumped("tcp-port"));
        assertEquals("60002  # from the command line", dumped("tcp-port", "--tcp-port=60002"));
    }

    @Test
    void precedenceIsFlagThenEnvironmentThenFileThenDefault() throws IOException {
        Path file = configFile("tcp-port = 60001");
        String fromFile = "--config-file=" + file;
        assertEquals("60000", dumped("tcp-port"));
        assertEquals("60001  # from " + file, dumped("tcp-port", fromFile));
        runner.environment.put("WAKUNODE2_TCP_PORT", "60002");
        assertEquals("60002  # from WAKUNODE2_TCP_PORT", dumped("tcp-port", fromFile));
        assertEquals("60003  # from the command line", dumped("tcp-port", fromFile, "--tcp-port=60003"));
    }

    @Test
    void theConfigFileCanBeNamedByTheEnvironment() throws IOException {
        runner.environment.put("WAKUNODE2_CONFIG_FILE", configFile("cluster-id = 7").toString());
        assertTrue(dumped("cluster-id").startsWith("7  # from "));
    }

    @Test
    void tomlValuesOfEveryKindReachTheNode() throws IOException {
        Path file = configFile(
                "# an operator's file",
                "cluster-id = 3",
                "relay = true",
                "store = true",
                "store-message-db-url = \"foo://bar\"",
                "shard = [0, 1]",
                "agent-string = \"my node\"");
        assertEquals("[0, 1]  # from " + file, dumped("shard", "--config-file=" + file));
        assertEquals("\"my node\"  # from " + file, dumped("agent-string", "--config-file=" + file));
        // the archive flags from the file reach the node, which refuses the unknown scheme
        runner.clearOutput();
        assertEquals(Main.STARTUP_FAILURE, runner.runNode("--config-file=" + file));
        assertEquals("logos-delivery: error: no archive driver for scheme 'foo' in --store-message-db-url=foo://bar;"
                + " installed: memory", runner.onlyErrorLine());
    }

    @Test
    void repeatableOptionsTakeCommaSeparatedListsFromTheEnvironment() {
        runner.environment.put("WAKUNODE2_SHARD", "0, 1");
        assertEquals("[0, 1]  # from WAKUNODE2_SHARD", dumped("shard"));
        runner.environment.put("WAKUNODE2_NUM_SHARDS_IN_NETWORK", "8");
        runner.environment.put("WAKUNODE2_SHARD", "7,9");
        runner.clearOutput();
        assertEquals(Main.STARTUP_FAILURE, runner.runNode());
        assertEquals("logos-delivery: error: shard 9 is outside the 8 shards of the network (--num-shards-in-network)",
                runner.onlyErrorLine());
    }

    @Test
    void anUnknownKeyIsOneLineWithTheNearestKey() throws IOException {
        Path file = configFile("tcp-prot = 60001");
        assertEquals(Main.USAGE_ERROR, runner.run("--config-file=" + file));
        assertEquals("logos-delivery: unknown key 'tcp-prot' in " + file + "; did you mean 'tcp-port'?",
                runner.onlyErrorLine());
    }

    @Test
    void anUnknownVariableIsOneLineWithTheNearestVariable() {
        runner.environment.put("WAKUNODE2_CLUSTER_IDD", "1");
        runner.environment.put("HOME_OF_SOMETHING_ELSE", "ignored");
        assertEquals(Main.USAGE_ERROR, runner.run());
        assertEquals("logos-delivery: unknown environment variable WAKUNODE2_CLUSTER_IDD;"
                + " did you mean 'WAKUNODE2_CLUSTER_ID'?", runner.onlyErrorLine());
    }

    @Test
    void aFarOffUnknownKeyGetsNoSuggestion() throws IOException {
        Path file = configFile("[database]", "url = \"x\"");
        assertEquals(Main.USAGE_ERROR, runner.run("--config-file=" + file));
        assertEquals("logos-delivery: unknown key 'database' in " + file, runner.onlyErrorLine());
    }

    @Test
    void aTomlSyntaxErrorNamesTheFileAndLine() throws IOException {
        Path file = configFile("cluster-id = 1", "tcp-port = = 60001");
        assertEquals(Main.USAGE_ERROR, runner.run("--config-file=" + file));
        String line = runner.onlyErrorLine();
        assertTrue(line.startsWith("logos-delivery: " + file + " line 2: "), line);
    }

    @Test
    void aMissingConfigFileIsOneLine() {
        Path missing = configs.resolve("absent.toml");
        assertEquals(Main.USAGE_ERROR, runner.run("--config-file=" + missing));
        assertEquals("logos-delivery: config file " + missing + " does not exist", runner.onlyErrorLine());
    }

    @Test
    void aBadValueNamesItsSource() throws IOException {
        runner.environment.put("WAKUNODE2_CLUSTER_ID", "abc");
        assertEquals(Main.USAGE_ERROR, runner.run());
        assertEquals("logos-delivery: Invalid value for option '--cluster-id': 'abc' is not an int"
                + " (from WAKUNODE2_CLUSTER_ID) (see --help)", runner.onlyErrorLine());
        runner.environment.clear();
        runner.clearOutput();
        Path file = configFile("tcp-port = [1, 2]");
        assertEquals(Main.USAGE_ERROR, runner.run("--config-file=" + file));
        assertEquals("logos-delivery: 'tcp-port' in " + file + " takes one value, not an array", runner.onlyErrorLine());
    }

    @Test
    void theDumpReadsBackAsTheSameConfiguration() throws IOException {
        runner.environment.put("WAKUNODE2_SHARD", "2,3");
        runner.environment.put("WAKUNODE2_AGENT_STRING", "quote \" and \\ backslash");
        Path file = configFile("store = true", "log-level = \"debug\"");
        runner.clearOutput();
        assertEquals(0, runner.run("--config-file=" + file, "--preset=twn", "--max-msg-size=100KB", "--dump-config"));
        String first = runner.out.toString();
        Path dump = configs.resolve("dump.toml");
        Files.writeString(dump, first);

        runner.environment.clear();
        runner.clearOutput();
        assertEquals(0, runner.run("--config-file=" + dump, "--dump-config"), runner.err.toString());
        assertEquals(withoutSources(first), withoutSources(runner.out.toString()));
        assertTrue(first.contains("shard = [2, 3]"), first);
        assertTrue(first.contains("store = true"), first);
        assertTrue(first.contains("cluster-id = 1  # from preset twn"), first);
        assertTrue(first.contains("# nodekey is not set"), first);
    }

    @Test
    void theMetricsOptionsComeFromTheEnvironmentAndTheFileLikeTheOthers() throws IOException {
        assertEquals("false", dumped("metrics-server"));
        assertEquals("\"127.0.0.1\"", dumped("metrics-server-address"));
        assertEquals("8008", dumped("metrics-server-port"));
        assertEquals("\"waku\"", dumped("metrics-prefix"));
        Path file = configFile("metrics-server = true", "metrics-prefix = \"logos_delivery\"");
        runner.environment.put("WAKUNODE2_METRICS_SERVER_PORT", "9009");
        assertEquals("true  # from " + file, dumped("metrics-server", "--config-file=" + file));
        assertEquals("\"logos_delivery\"  # from " + file, dumped("metrics-prefix", "--config-file=" + file));
        assertEquals("9009  # from WAKUNODE2_METRICS_SERVER_PORT", dumped("metrics-server-port"));
    }

    private static String withoutSources(String dump) {
        return dump.replaceAll("  # from .*", "");
    }

    @Test
    void thePresetTwnSetsTheWakuNetworkUnderExplicitValues() {
        assertEquals("1  # from preset twn", dumped("cluster-id", "--preset=twn"));
        assertEquals("8  # from preset twn", dumped("num-shards-in-network", "--preset=twn"));
        assertEquals("\"150KiB\"  # from preset twn", dumped("max-msg-size", "--preset=twn"));
        assertEquals("5  # from the command line", dumped("cluster-id", "--preset=twn", "--cluster-id=5"));
        runner.environment.put("WAKUNODE2_PRESET", "twn");
        runner.environment.put("WAKUNODE2_NUM_SHARDS_IN_NETWORK", "4");
        assertEquals("1  # from preset twn", dumped("cluster-id"));
        assertEquals("4  # from WAKUNODE2_NUM_SHARDS_IN_NETWORK", dumped("num-shards-in-network"));
    }

    @Test
    void aNodeRunsOnThePreset() throws Exception {
        CompletableFuture<Integer> exit = runner.startNode("--preset=twn", "--shard=7");
        runner.stop();
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        assertEquals("", runner.err.toString());
    }

    @Test
    void anUnknownPresetIsOneLine() {
        assertEquals(Main.USAGE_ERROR, runner.run("--preset=wnt"));
        assertEquals("logos-delivery: unknown preset 'wnt'; known presets: twn", runner.onlyErrorLine());
    }

    @Test
    void helpIgnoresABrokenEnvironment() {
        runner.environment.put("WAKUNODE2_NONSENSE", "1");
        assertEquals(0, runner.run("--help"));
        assertTrue(runner.out.toString().contains("--config-file"));
    }
}
