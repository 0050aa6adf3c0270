package dev.cadre.platform.config;

/** A configuration value is missing, unreadable or malformed; the message names the key. */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the key or file */
    public ConfigException(String message) {
        super(message);
    }
}
