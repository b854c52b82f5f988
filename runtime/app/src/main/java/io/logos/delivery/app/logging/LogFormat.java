package io.logos.delivery.app.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * How log lines are written ({@code --log-format}, nwaku's TEXT and JSON): a readable line, or one JSON
 * object per line for log collectors, with the time (epoch milliseconds), level, thread, logger, the
 * formatted message, the MDC, the SLF4J key-value pairs and any exception.
 */
public enum LogFormat {
    TEXT {
        @Override
        Encoder<ILoggingEvent> newEncoder() {
            return new TextLogEncoder();
        }
    },
    JSON {
        @Override
        Encoder<ILoggingEvent> newEncoder() {
            JsonEncoder encoder = new JsonEncoder();
            // the formatted message is what operators search; the template and its arguments are noise
            encoder.setWithMessage(false);
            encoder.setWithArguments(false);
            encoder.setWithFormattedMessage(true);
            encoder.setWithContext(false);
            encoder.setWithSequenceNumber(false);
            encoder.setWithNanoseconds(false);
            return encoder;
        }
    };

    abstract Encoder<ILoggingEvent> newEncoder();

    /** A started encoder of this format, for an appender of {@code context}. */
    public Encoder<ILoggingEvent> encoder(LoggerContext context) {
        Encoder<ILoggingEvent> encoder = newEncoder();
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }

    /** Writes every stream appender of the root logger (the console) in this format from now on. */
    public void apply() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> appenders = root.iteratorForAppenders(); appenders.hasNext(); ) {
            if (appenders.next() instanceof OutputStreamAppender<ILoggingEvent> stream) {
                stream.stop();
                stream.setEncoder(encoder(root.getLoggerContext()));
                stream.start();
            }
        }
    }
}
