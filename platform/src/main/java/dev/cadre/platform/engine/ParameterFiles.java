package dev.cadre.platform.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.cadre.platform.expressions.InstanceKeys;
import dev.cadre.platform.text.ControlCharacters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A fan-out's elements uploaded as a file, for lists too long to start a run with inline: a JSON array
 * stored one row per element, named in a start's parameters as {@code {"$file": "pf-..."}}, and read by
 * the workflow a page (one batch of the fan-out) at a time, so neither the request, the workflow's input
 * nor any payload grows with the list. A file is immutable: runs started from it, resumed or continued as
 * new, read the same elements.
 */
public final class ParameterFiles {

    /** The key a start's parameter value holds to name a file. */
    public static final String REFERENCE = "$file";
    /** What the start adds beside {@link #REFERENCE}: how many elements the file has. */
    public static final String ELEMENTS = "elements";
    /** The most elements a file holds: the validator's cap on a phase's {@code maxInstances}. */
    public static final int MAX_ELEMENTS = 100_000;
    /**
     * The largest element, as compact JSON characters. A batch of a split fan-out carries its elements in its
     * input: this keeps the largest batch (625 one-step instances) under 1 MiB, half of Temporal's 2 MB limit.
     */
    public static final int MAX_ELEMENT_CHARS = 1024;
    private static final int INSERT_BATCH = 1_000;
    private static final Pattern FAN_OUT_OF_PARAMETER = Pattern.compile("\\s*parameters\\.([A-Za-z_][A-Za-z0-9_]*)\\s*");

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    /** Reads one element of the array: the rest of the array is not trailing garbage. */
    private final ObjectReader elementReader;
    private final InstanceKeys instanceKeys = new InstanceKeys();
    private final SecureRandom random = new SecureRandom();

    /**
     * A stored file.
     *
     * @param id         its id, what a start names
     * @param elements   how many elements it holds
     * @param size       its bytes as uploaded
     * @param sha256     their SHA-256
     * @param uploadedBy who uploaded it
     * @param uploadedAt when
     */
    public record Info(String id, int elements, long size, String sha256, String uploadedBy, Instant uploadedAt) {
    }

    /**
     * A phase fanned out over a file: its fan-out is exactly {@code parameters.<name>} and that parameter names the file.
     *
     * @param fileId   the file
     * @param elements how many elements it has (as the start found them)
     */
    public record FanOut(String fileId, int elements) {
    }

    /**
     * @param dataSource the host's database
     * @param mapper     the host's JSON mapper
     */
    public ParameterFiles(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.elementReader = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * Checks and stores an uploaded JSON array in one transaction: all of it, or nothing.
     *
     * @param uploadedBy who uploads it
     * @param json       the array, read once as a stream
     * @param size       its bytes
     * @param sha256     their SHA-256
     * @return the stored file
     * @throws ParameterFileException when it is not a JSON array of at most {@link #MAX_ELEMENTS} elements of at
     *                                most {@link #MAX_ELEMENT_CHARS} each, without control characters, whose
     *                                instance keys are unique
     */
    public Info store(String uploadedBy, InputStream json, long size, String sha256) {
        String id = "pf-" + HexFormat.of().formatHex(randomBytes());
        try (Connection connection = dataSource.getConnection(); JsonParser parser = mapper.createParser(json)) {
            connection.setAutoCommit(false);
            try {
                Instant uploadedAt;
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO parameter_files (id, sha256, size_bytes, elements,"
                        + " uploaded_by) VALUES (?, ?, ?, 0, ?) RETURNING uploaded_at")) {
                    insert.setString(1, id);
                    insert.setString(2, sha256);
                    insert.setLong(3, size);
                    insert.setString(4, uploadedBy);
                    try (ResultSet row = insert.executeQuery()) {
                        row.next();
                        uploadedAt = row.getTimestamp(1).toInstant();
                    }
                }
                int elements = insertElements(connection, id, parser);
                try (PreparedStatement count = connection.prepareStatement("UPDATE parameter_files SET elements = ? WHERE id = ?")) {
                    count.setInt(1, elements);
                    count.setString(2, id);
                    count.executeUpdate();
                }
                connection.commit();
                return new Info(id, elements, size, sha256, uploadedBy, uploadedAt);
            } catch (RuntimeException | SQLException | IOException e) {
                connection.rollback();
                throw e;
            }
        } catch (JsonProcessingException e) {
            throw new ParameterFileException("not valid JSON" + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()) + ": " + e.getOriginalMessage(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded parameter file", e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the parameter file: " + e.getMessage(), e);
        }
    }

    private int insertElements(Connection connection, String id, JsonParser parser) throws IOException, SQLException {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw new ParameterFileException("a parameter file is a JSON array of the fan-out's elements", null);
        }
        Map<String, Integer> keys = new HashMap<>();
        int position = 0;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO parameter_file_elements (file_id, position, element) VALUES (?, ?, ?::jsonb)")) {
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new ParameterFileException("the array is not closed: the file ends after " + position + " element(s)", null);
                }
                if (position == MAX_ELEMENTS) {
                    throw new ParameterFileException("more than " + MAX_ELEMENTS + " elements (a phase's maxInstances is at most that)", position);
                }
                JsonNode node = elementReader.readValue(parser);
                String text = mapper.writeValueAsString(node);
                check(node, text, position, keys);
                insert.setString(1, id);
                insert.setInt(2, position);
                insert.setString(3, text);
                insert.addBatch();
                if (++position % INSERT_BATCH == 0) {
                    insert.executeBatch();
                }
            }
            if (parser.nextToken() != null) {
                throw new ParameterFileException("something follows the array", null);
            }
            insert.executeBatch();
        }
        return position;
    }

    private void check(JsonNode node, String text, int position, Map<String, Integer> keys) {
        if (text.length() > MAX_ELEMENT_CHARS) {
            throw new ParameterFileException("element " + position + " is " + text.length() + " characters of JSON, more than "
                    + MAX_ELEMENT_CHARS + ": keep elements to keys and small fields (put documents in artifacts)", position);
        }
        String control = ControlCharacters.pathIn(node);
        if (control != null) {
            throw new ParameterFileException("element " + position + (control.isEmpty() ? "" : ", field '" + control + "',")
                    + " holds a control character", position);
        }
        String key = instanceKeys.of(mapper.convertValue(node, Object.class));
        Integer earlier = keys.putIfAbsent(key, position);
        if (earlier != null) {
            throw new ParameterFileException("elements " + earlier + " and " + position + " have the same instance key '"
                    + ControlCharacters.forLog(key) + "' (an element's key, id, or itself): instances must differ", position);
        }
    }

    /** @param id a file id @return the file, if it exists */
    public Optional<Info> find(String id) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT id, elements, size_bytes, sha256, uploaded_by, uploaded_at FROM parameter_files WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next()
                        ? Optional.of(new Info(row.getString(1), row.getInt(2), row.getLong(3), row.getString(4), row.getString(5),
                                row.getTimestamp(6).toInstant()))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read parameter file " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param id     a file
     * @param offset the first element's position
     * @param limit  how many at most
     * @return the elements from {@code offset}, in order
     * @throws ParameterFileException when the file does not exist (any more)
     */
    public List<Object> elements(String id, int offset, int limit) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT element FROM parameter_file_elements WHERE file_id = ? AND position >= ? ORDER BY position LIMIT ?")) {
            query.setString(1, id);
            query.setInt(2, offset);
            query.setInt(3, limit);
            List<Object> elements = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    elements.add(mapper.readValue(rows.getString(1), Object.class));
                }
            }
            if (elements.isEmpty() && limit > 0 && find(id).isEmpty()) {
                throw new ParameterFileException("parameter file " + id + " does not exist", null);
            }
            return elements;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read the elements of parameter file " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Resolves the files a start's parameters name: each {@code {"$file": id}} becomes {@code {"$file": id,
     * "elements": n}} once the file is found and a phase fans out over exactly that parameter.
     *
     * @param fanOuts    the template's phases' fan-out expressions
     * @param parameters the start's parameters
     * @return the parameters to start with; the same map when none names a file
     * @throws ParameterFileException naming the parameter when a file is missing or not fanned out over
     */
    public Map<String, Object> resolve(List<String> fanOuts, Map<String, Object> parameters) {
        Map<String, Object> resolved = null;
        for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
            Object fileId = reference(parameter.getValue());
            if (fileId == null) {
                continue;
            }
            String name = parameter.getKey();
            if (!(fileId instanceof String id)) {
                throw new ParameterFileException("parameters." + name + ": \"" + REFERENCE + "\" names a file by its id, a string", null);
            }
            Info file = find(id).orElseThrow(() -> new ParameterFileException("parameters." + name + ": no parameter file " + id
                    + " (upload it with POST /api/parameter-files)", null));
            if (fanOuts.stream().noneMatch(source -> name.equals(parameterFannedOut(source)))) {
                throw new ParameterFileException("parameters." + name + ": a file's elements can only be fanned out over, and no phase"
                        + " has \"fanOut\": \"parameters." + name + "\"", null);
            }
            if (resolved == null) {
                resolved = new LinkedHashMap<>(parameters);
            }
            resolved.put(name, Map.of(REFERENCE, id, ELEMENTS, file.elements()));
        }
        return resolved == null ? parameters : resolved;
    }

    /**
     * @param fanOut     a phase's fan-out expression
     * @param parameters a run's (resolved) parameters
     * @return the file the phase fans out over, if its fan-out is exactly {@code parameters.<name>} naming one
     */
    public static Optional<FanOut> fanOut(String fanOut, Map<String, Object> parameters) {
        String name = parameterFannedOut(fanOut);
        if (name == null || !(parameters.get(name) instanceof Map<?, ?> value) || !(reference(value) instanceof String id)
                || !(value.get(ELEMENTS) instanceof Number elements)) {
            return Optional.empty();
        }
        return Optional.of(new FanOut(id, elements.intValue()));
    }

    /** @return the name of the parameter a fan-out expression is exactly, or null */
    private static String parameterFannedOut(String source) {
        if (source == null) {
            return null;
        }
        Matcher matcher = FAN_OUT_OF_PARAMETER.matcher(source);
        return matcher.matches() ? matcher.group(1) : null;
    }

    private static Object reference(Object value) {
        return value instanceof Map<?, ?> map && map.containsKey(REFERENCE) ? map.get(REFERENCE) : null;
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }
}
