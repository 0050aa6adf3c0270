package dev.cadre.platform.api;

/**
 * A request the admin endpoint answers with an error status: carries the status, a short stable code
 * and the details, which {@link ErrorHandling} writes as the one JSON error body.
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Object details;

    ApiException(int status, String code, String message, Object details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message, null);
    }

    static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message, null);
    }

    static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message, null);
    }

    static ApiException tooLarge(long limit) {
        return new ApiException(413, "payload_too_large", "the request body is larger than " + limit + " bytes", java.util.Map.of("limitBytes", limit));
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Object details() {
        return details;
    }
}
