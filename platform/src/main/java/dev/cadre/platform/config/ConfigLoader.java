package dev.cadre.platform.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Builds a {@link CadreConfig} from, in rising priority: built-in defaults,
 * {@code $CADRE_HOME/conf/cadre.properties}, and environment variables. Property keys and environment
 * variables have the same names ({@code CADRE_DB_URL=...} in the file, or in the environment).
 */
public final class ConfigLoader {

    /** A configured admin token shorter than this is refused at start. */
    public static final int MIN_ADMIN_TOKEN_LENGTH = 32;

    private final Map<String, String> environment;

    /** @param environment the variables to read, usually {@link System#getenv()} */
    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * @param defaultHome the home to use when {@code CADRE_HOME} is not set
     * @return the configuration
     * @throws ConfigException when the properties file cannot be read or a value is malformed
     */
    public CadreConfig load(Path defaultHome) {
        Path home = Path.of(environment.getOrDefault("CADRE_HOME", defaultHome.toString())).toAbsolutePath().normalize();
        Properties file = readProperties(home.resolve("conf").resolve("cadre.properties"));
        Values values = new Values(file, environment);
        Path dataDir = home.resolve(values.get("CADRE_DATA_DIR", "data")).toAbsolutePath().normalize();
        // logback reads it itself (logging starts before the configuration is loaded): a typo fails here, by name
        values.oneOf("CADRE_LOG_FORMAT", "text", List.of("text", "json"));
        return new CadreConfig(
                home,
                dataDir,
                values.optional("CADRE_DB_URL"),
                values.get("CADRE_DB_USER", "cadre"),
                values.get("CADRE_DB_PASSWORD", "cadre"),
                values.positiveInt("CADRE_DB_POOL_SIZE", 16),
                values.get("CADRE_TEMPORAL_TARGET", CadreConfig.EMBEDDED),
                values.get("CADRE_TEMPORAL_NAMESPACE", "default"),
                values.optional("CADRE_TEMPORAL_TLS_CERT").map(home::resolve),
                values.optional("CADRE_TEMPORAL_TLS_KEY").map(home::resolve),
                values.nonNegativeInt("CADRE_TEMPORAL_EMBEDDED_PORT", 0),
                values.get("CADRE_TASK_QUEUE", "cadre"),
                values.positiveInt("CADRE_WORKER_ACTIVITY_SLOTS", 32),
                values.optional("CADRE_PLUGINS_DIR").map(dir -> home.resolve(dir).normalize()).orElse(dataDir.resolve("plugins")),
                values.optional("CADRE_PLUGINS_ALLOWLIST").map(home::resolve),
                values.positiveInt("CADRE_PLUGIN_LOAD_TIMEOUT_SECONDS", 30),
                values.positiveInt("CADRE_PLUGIN_MAX_VERSIONS", 3),
                values.nonNegativeInt("CADRE_ADMIN_PORT", 8080),
                values.get("CADRE_ADMIN_BIND", "127.0.0.1"),
                values.optional("CADRE_ADMIN_TOKEN").map(ConfigLoader::adminToken),
                values.positiveInt("CADRE_ADMIN_MAX_JSON_BYTES", 1024 * 1024),
                values.positiveInt("CADRE_ADMIN_MAX_UPLOAD_BYTES", 64 * 1024 * 1024),
                new NotificationConfig(
                        values.optional("CADRE_NOTIFY_WEBHOOK_URL").map(ConfigLoader::webhook),
                        values.optional("CADRE_SMTP_HOST"),
                        values.positiveInt("CADRE_SMTP_PORT", 25),
                        values.optional("CADRE_SMTP_USER"),
                        values.optional("CADRE_SMTP_PASSWORD"),
                        values.get("CADRE_SMTP_FROM", "cadre@localhost")),
                new RunLimits(values.positiveInt("CADRE_RUN_MAX_ARTIFACTS", RunLimits.DEFAULT.maxArtifacts()),
                        values.positiveInt("CADRE_RUN_MAX_ARTIFACT_BYTES", (int) RunLimits.DEFAULT.maxArtifactBytes())),
                signIn(values));
    }

    /** The token that opens everything: a short one can be guessed, so it is refused rather than warned about. */
    private static String adminToken(String token) {
        if (token.length() < MIN_ADMIN_TOKEN_LENGTH) {
            throw new ConfigException("CADRE_ADMIN_TOKEN has " + token.length() + " characters; it needs at least " + MIN_ADMIN_TOKEN_LENGTH
                    + " (for example the output of `openssl rand -base64 32`), or leave it unset and the host generates one into "
                    + "data/admin.token");
        }
        return token;
    }

    private static SignInConfig signIn(Values values) {
        boolean local = "on".equals(values.oneOf("CADRE_LOCAL_LOGIN", "on", List.of("on", "off")));
        Optional<SignInConfig.Oidc> oidc = values.optional("CADRE_OIDC_ISSUER").map(issuer -> {
            String clientId = values.optional("CADRE_OIDC_CLIENT_ID")
                    .orElseThrow(() -> new ConfigException("CADRE_OIDC_ISSUER is set, so CADRE_OIDC_CLIENT_ID is needed too"));
            java.net.URI uri;
            try {
                uri = new java.net.URI(issuer);
            } catch (java.net.URISyntaxException e) {
                throw new ConfigException("CADRE_OIDC_ISSUER is not a URL: " + e.getMessage());
            }
            return new SignInConfig.Oidc(uri, clientId, values.optional("CADRE_OIDC_CLIENT_SECRET"),
                    values.get("CADRE_OIDC_ROLES_CLAIM", "groups"), values.get("CADRE_OIDC_AUDIENCE", clientId));
        });
        return new SignInConfig(local, oidc);
    }

    private static java.net.URI webhook(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException("CADRE_NOTIFY_WEBHOOK_URL must be an http(s) URL with a host, got '" + url + "'");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException("CADRE_NOTIFY_WEBHOOK_URL is not a URL: " + e.getMessage());
        }
    }

    private static Properties readProperties(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("cannot read " + file + ": " + e.getMessage());
            }
        }
        return properties;
    }

    /** Looks a key up in the environment first, then the file; blank counts as unset. */
    private record Values(Properties file, Map<String, String> environment) {

        Optional<String> optional(String key) {
            String value = environment.get(key);
            if (value == null || value.isBlank()) {
                value = file.getProperty(key);
            }
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        String get(String key, String fallback) {
            return optional(key).orElse(fallback);
        }

        String oneOf(String key, String fallback, List<String> allowed) {
            String value = get(key, fallback);
            if (!allowed.contains(value)) {
                throw new ConfigException(key + " must be one of " + allowed + ", got '" + value + "'");
            }
            return value;
        }

        int positiveInt(String key, int fallback) {
            int value = nonNegativeInt(key, fallback);
            if (value == 0) {
                throw new ConfigException(key + " must be greater than 0");
            }
            return value;
        }

        int nonNegativeInt(String key, int fallback) {
            Optional<String> raw = optional(key);
            if (raw.isEmpty()) {
                return fallback;
            }
            try {
                int value = Integer.parseInt(raw.get());
                if (value < 0) {
                    throw new ConfigException(key + " must not be negative, got " + value);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new ConfigException(key + " must be a whole number, got '" + raw.get() + "'");
            }
        }
    }
}
