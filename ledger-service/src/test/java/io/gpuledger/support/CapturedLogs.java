package io.gpuledger.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Everything the application logs at its configured levels, on any thread, while this is open: each
 * event's message with the messages and stack trace of the throwable it carries.
 */
public final class CapturedLogs implements AutoCloseable {

    private final Logger root;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    /** Every captured event as text: logger, level, message, and any throwable in full. */
    public synchronized List<String> lines() {
        return List.copyOf(appender.list).stream().map(CapturedLogs::render).toList();
    }

    public String all() {
        return String.join("\n", lines());
    }

    private static String render(ILoggingEvent event) {
        String text = event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage();
        return event.getThrowableProxy() == null ? text : text + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
