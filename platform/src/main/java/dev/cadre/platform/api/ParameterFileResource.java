package dev.cadre.platform.api;

import dev.cadre.platform.engine.ParameterFileException;
import dev.cadre.platform.engine.ParameterFiles;
import dev.cadre.platform.runs.Upload;
import io.undertow.util.Headers;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/parameter-files}: a fan-out's elements uploaded as a JSON array before a start names them
 * ({@code "parameters": {"items": {"$file": "pf-..."}}}), for lists too long to send inline. Checked whole
 * and stored in one transaction, or refused with the element to blame.
 */
final class ParameterFileResource {

    private final ParameterFiles files;

    ParameterFileResource(ParameterFiles files) {
        this.files = files;
    }

    /** 201 with the file's id and element count; 400 {@code invalid_parameter_file} naming what and where; 415 unless JSON. */
    void upload(Call call) {
        String type = call.header(Headers.CONTENT_TYPE_STRING);
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "a parameter file is sent as application/json: a JSON array of the"
                    + " fan-out's elements", null);
        }
        ParameterFiles.Info stored;
        try (Upload body = call.upload(); java.io.InputStream in = body.open()) {
            stored = files.store(call.principal().username(), in, body.size(), body.sha256());
        } catch (ParameterFileException e) {
            Map<String, Object> details = new LinkedHashMap<>();
            if (e.position() != null) {
                details.put("position", e.position());
            }
            throw new ApiException(400, "invalid_parameter_file", "the parameter file was not stored: " + e.getMessage(), details);
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("unreadable_body", "the request body could not be read: " + e.getMessage());
        }
        call.respond(201, stored);
    }

    void get(Call call) {
        String id = call.path("id");
        call.respond(200, files.find(id).orElseThrow(() -> ApiException.notFound("parameter_file_not_found", "no parameter file " + id)));
    }
}
