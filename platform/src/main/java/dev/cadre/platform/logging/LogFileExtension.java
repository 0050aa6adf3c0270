package dev.cadre.platform.logging;

import ch.qos.logback.core.PropertyDefinerBase;

/**
 * {@code <define>} of the log file's extension: {@code json} for JSON lines, {@code log} for text, so
 * switching the format never mixes text and JSON lines in one file.
 */
public final class LogFileExtension extends PropertyDefinerBase {

    private String format = "text";

    /** @param format the value of {@code CADRE_LOG_FORMAT} */
    public void setFormat(String format) {
        this.format = format;
    }

    @Override
    public String getPropertyValue() {
        return "json".equals(format) ? "json" : "log";
    }
}
