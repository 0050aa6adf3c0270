package dev.cadre.platform.console;

import dev.cadre.platform.text.ControlCharacters;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.FormEncodedDataDefinition;
import io.undertow.server.handlers.form.FormParserFactory;
import io.undertow.server.handlers.form.MultiPartParserDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A posted form, url-encoded or multipart, read within the exchange's entity-size limit (set per route
 * before this runs, and only once the sender has been checked); a file larger than
 * {@link #FILE_IN_MEMORY} streams to a temporary file rather than staying in memory.
 */
final class Form {

    /** Files up to this size stay in memory while the form is parsed; larger ones go to a temporary file. */
    static final long FILE_IN_MEMORY = 64 * 1024;

    private final FormData data;

    private Form(FormData data) {
        this.data = data;
    }

    /**
     * @param exchange a POST in blocking mode
     * @return its fields
     * @throws ConsoleException 413 over the limit, 400 when it is no form
     */
    static Form read(HttpServerExchange exchange) {
        long limit = exchange.getMaxEntitySize();
        if (limit > 0 && exchange.getRequestContentLength() > limit) {
            throw tooLarge(limit);
        }
        MultiPartParserDefinition multipart = new MultiPartParserDefinition().setDefaultEncoding("UTF-8");
        multipart.setFileSizeThreshold(FILE_IN_MEMORY);
        FormParserFactory factory = FormParserFactory.builder(false)
                .addParsers(new FormEncodedDataDefinition().setDefaultEncoding("UTF-8"), multipart)
                .build();
        try (FormDataParser parser = factory.createParser(exchange)) {
            if (parser == null) {
                throw ConsoleException.badRequest("This page expects a form.");
            }
            return new Form(parser.parseBlocking());
        } catch (RequestTooBigException e) {
            throw tooLarge(limit);
        } catch (IOException e) {
            throw ConsoleException.badRequest("The form could not be read: " + e.getMessage());
        }
    }

    private static ConsoleException controlCharacter(String field) {
        return ConsoleException.badRequest("The field '" + field + "' holds a control character.");
    }

    private static ConsoleException tooLarge(long limit) {
        return new ConsoleException(413, "The upload is larger than the limit of " + limit + " bytes.");
    }

    /** @return a text field, trimmed, or empty when absent or blank */
    Optional<String> text(String name) {
        FormData.FormValue value = data.getFirst(name);
        if (value == null || value.isFileItem() || value.getValue().isBlank()) {
            return Optional.empty();
        }
        if (ControlCharacters.inLine(value.getValue().trim())) {
            throw controlCharacter(name);
        }
        return Optional.of(value.getValue().trim());
    }

    /** @return a text field as typed (documents keep their line numbers), or empty */
    String raw(String name) {
        FormData.FormValue value = data.getFirst(name);
        String text = value == null || value.isFileItem() ? "" : value.getValue();
        if (ControlCharacters.inText(text)) {
            throw controlCharacter(name);
        }
        return text;
    }

    /**
     * An uploaded file.
     *
     * @param content     its bytes
     * @param contentType the type the browser declared, or {@code null}
     */
    record Upload(byte[] content, String contentType) {
    }

    /**
     * An uploaded file copied to a file of its own as it is read (never into memory), for storing as an artifact.
     *
     * @param content     the spilled file, with its size and SHA-256; closing deletes it
     * @param contentType the type the browser declared, or {@code null}
     */
    record Spilled(dev.cadre.platform.runs.Upload content, String contentType) implements AutoCloseable {
        @Override
        public void close() {
            content.close();
        }
    }

    /** @return an uploaded file, spilled to disk, or empty when none was chosen */
    Optional<Spilled> spilled(String name) {
        FormData.FormValue value = data.getFirst(name);
        if (value == null || !value.isFileItem() || value.getFileName() == null || value.getFileName().isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = value.getFileItem().getInputStream()) {
            String type = value.getHeaders() == null ? null : value.getHeaders().getFirst(io.undertow.util.Headers.CONTENT_TYPE);
            return Optional.of(new Spilled(dev.cadre.platform.runs.Upload.spill(in, 0), type));
        } catch (IOException e) {
            throw ConsoleException.badRequest("The uploaded file could not be read: " + e.getMessage());
        }
    }

    /** @return an uploaded file, or empty when none was chosen */
    Optional<Upload> file(String name) {
        FormData.FormValue value = data.getFirst(name);
        if (value == null || !value.isFileItem() || value.getFileName() == null || value.getFileName().isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = value.getFileItem().getInputStream()) {
            String type = value.getHeaders() == null ? null : value.getHeaders().getFirst(io.undertow.util.Headers.CONTENT_TYPE);
            return Optional.of(new Upload(in.readAllBytes(), type));
        } catch (IOException e) {
            throw ConsoleException.badRequest("The uploaded file could not be read: " + e.getMessage());
        }
    }
}
