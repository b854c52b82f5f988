package io.logos.delivery.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The steps of {@code docs/demo.md}, read from its fenced blocks in order: each {@code sh} block holds one
 * command, either the launcher with a node's arguments, or {@code curl} followed by a {@code text} or
 * {@code json} block with what it prints. The build ({@code mvn}) and the clean-up ({@code rm}) are left to
 * the test's build and folders. Anything else fails, so that the page keeps to what the test can run.
 */
final class DemoPage {

    /** The README's launcher. */
    static final String LAUNCHER = "distribution/node/target/image/bin/logos-delivery";
    private static final List<String> NOT_RUN = List.of("mvn", "rm");

    /** One step of the demo. */
    sealed interface Step {
    }

    /** Start a node with these arguments. */
    record StartNode(List<String> arguments) implements Step {
    }

    /**
     * Send this request; it prints {@code expected}, in {@code language} ({@code text} or {@code json}).
     *
     * @param body empty for a request without one
     */
    record Request(String method, URI uri, Map<String, String> headers, Optional<String> body, String language,
                   String expected) implements Step {
    }

    private record Block(String language, String text) {
    }

    private DemoPage() {
    }

    /** The steps of {@code page}, each command first rewritten by {@code rewrite} (ports, folders). */
    static List<Step> read(Path page, UnaryOperator<String> rewrite) {
        List<Block> blocks = blocks(page);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            if (!block.language().equals("sh")) {
                continue;
            }
            List<String> words = words(rewrite.apply(block.text()));
            String program = words.getFirst();
            if (program.equals(LAUNCHER)) {
                steps.add(new StartNode(words.subList(1, words.size())));
            } else if (program.equals("curl")) {
                Block output = i + 1 < blocks.size() ? blocks.get(i + 1) : new Block("none", "");
                if (!List.of("text", "json").contains(output.language())) {
                    throw new AssertionError("demo.md: the curl command '" + block.text()
                            + "' is not followed by a text or json block with its output");
                }
                steps.add(request(words, output));
            } else if (!NOT_RUN.contains(program)) {
                throw new AssertionError("demo.md: DemoTest cannot run '" + block.text() + "'");
            }
        }
        return steps;
    }

    /** The fenced blocks of a Markdown page: the word after the opening fence, and the lines inside. */
    private static List<Block> blocks(Path page) {
        List<String> lines;
        try {
            lines = Files.readAllLines(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("```")) {
                continue;
            }
            String language = line.substring(3).strip();
            StringBuilder text = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                text.append(lines.get(i)).append('\n');
            }
            blocks.add(new Block(language, text.toString()));
        }
        return blocks;
    }

    /** A command's words as a POSIX shell splits them, for what the demo uses: single quotes and {@code \}-newline. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quoted) {
                if (c == '\'') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '\\' && i + 1 < command.length() && command.charAt(i + 1) == '\n') {
                i++;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                if (c == '\'') {
                    quoted = true;
                } else if (c == '"' || c == '\\' || c == '$') {
                    throw new AssertionError("demo.md: keep commands to single quotes: " + command);
                } else {
                    word.append(c);
                }
            }
        }
        if (quoted) {
            throw new AssertionError("demo.md: unclosed quote in " + command);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** curl's {@code -s}, {@code -X}, {@code -H}, {@code -d} and one URL. */
    private static Request request(List<String> words, Block output) {
        String method = null;
        URI uri = null;
        Map<String, String> headers = new LinkedHashMap<>();
        Optional<String> body = Optional.empty();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "-s" -> { }
                case "-X" -> method = words.get(++i);
                case "-H" -> {
                    String[] header = words.get(++i).split(":\\s*", 2);
                    headers.put(header[0], header[1]);
                }
                case "-d" -> body = Optional.of(words.get(++i));
                default -> {
                    if (word.startsWith("-") || uri != null) {
                        throw new AssertionError("demo.md: DemoTest reads curl's -s, -X, -H, -d and one URL, got "
                                + word + " in " + words);
                    }
                    uri = URI.create(word);
                }
            }
        }
        if (uri == null) {
            throw new AssertionError("demo.md: curl without a URL: " + words);
        }
        String verb = method != null ? method : body.isPresent() ? "POST" : "GET";
        return new Request(verb, uri, headers, body, output.language(), output.text().strip());
    }
}
