package dev.cadre.platform.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import net.logstash.logback.encoder.LogstashEncoder;

/**
 * The encoder of Cadre's appenders: a text pattern, or one JSON object per line when {@code format}
 * is {@code json} ({@code CADRE_LOG_FORMAT}). One appender per destination with this encoder,
 * rather than a text and a JSON appender of which only one is referenced: logback reports an
 * unreferenced appender as a warning, and a warning makes it print its whole configuration status.
 */
public final class FormatEncoder extends EncoderBase<ILoggingEvent> {

    private String format = "text";
    private String pattern;
    private Encoder<ILoggingEvent> delegate;

    /** @param format {@code json}, or anything else for text (the CLI refuses an unknown format by name) */
    public void setFormat(String format) {
        this.format = format;
    }

    /** @param pattern the text layout's pattern */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    /** @return true when this writes JSON lines */
    public boolean json() {
        return "json".equals(format);
    }

    @Override
    public void start() {
        if (json()) {
            delegate = new LogstashEncoder();
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern(pattern);
            delegate = text;
        }
        delegate.setContext(getContext());
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }
}
