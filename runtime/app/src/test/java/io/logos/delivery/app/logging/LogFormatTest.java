package io.logos.delivery.app.logging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogFormatTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("io.logos.delivery.test.LogFormat");
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private OutputStreamAppender<ILoggingEvent> appender;

    private void writeWith(LogFormat format) {
        LoggerContext context = logger.getLoggerContext();
        appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(format.encoder(context));
        appender.setOutputStream(written);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
        appender.stop();
        MDC.clear();
    }

    @Test
    void jsonIsOneObjectPerLineWithTheFieldsCollectorsNeed() throws Exception {
        writeWith(LogFormat.JSON);
        MDC.put("peer", "16Uiu2HAm");
        logger.atInfo().addKeyValue("shard", 3).log("relayed {} messages", 12);
        logger.warn("a second \"quoted\" line", new IllegalStateException("broken"));

        List<String> lines = written.toString(UTF_8).lines().filter(line -> !line.isBlank()).toList();
        assertEquals(2, lines.size(), written.toString(UTF_8));
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertTrue(first.get("timestamp").isNumber(), lines.get(0));
        assertEquals("INFO", first.get("level").asText());
        assertEquals("io.logos.delivery.test.LogFormat", first.get("loggerName").asText());
        assertEquals(Thread.currentThread().getName(), first.get("threadName").asText());
        assertEquals("relayed 12 messages", first.get("formattedMessage").asText());
        assertEquals("16Uiu2HAm", first.get("mdc").get("peer").asText());
        assertTrue(first.get("kvpList").toString().contains("shard"), lines.get(0));
        JsonNode second = json.readTree(lines.get(1));
        assertEquals("a second \"quoted\" line", second.get("formattedMessage").asText());
        assertTrue(second.get("throwable").toString().contains("broken"), lines.get(1));
    }

    @Test
    void textIsTheReadableLine() {
        writeWith(LogFormat.TEXT);
        logger.info("hello {}", "operator");
        String line = written.toString(UTF_8).strip();
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ INFO  \\[.+] "
                + "\\S*\\.LogFormat - hello operator"), line);
    }
}
