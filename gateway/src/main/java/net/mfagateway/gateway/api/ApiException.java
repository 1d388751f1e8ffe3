package net.mfagateway.gateway.api;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request the API refuses, with the status and the {@code {"error","message"}} it answers.
 * An answer, not a bug: no stack trace.
 */
final class ApiException extends RuntimeException {

    private final HttpResponseStatus status;
    private final String error;

    private ApiException(HttpResponseStatus status, String error, String message) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
    }

    static ApiException badRequest(String error, String message) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, error, message);
    }

    static ApiException tooLarge(int limit) {
        return new ApiException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "body_too_large",
                "request bodies are limited to " + limit + " bytes");
    }

    static ApiException requestTimeout(long seconds) {
        return new ApiException(HttpResponseStatus.REQUEST_TIMEOUT, "request_timeout",
                "the request was not complete within " + seconds + " s");
    }

    static ApiException tooManyRequests(String error, String message) {
        return new ApiException(HttpResponseStatus.TOO_MANY_REQUESTS, error, message);
    }

    static ApiException conflict(String message) {
        return new ApiException(HttpResponseStatus.CONFLICT, "conflict", message);
    }

    static ApiException unauthorized() {
        return new ApiException(HttpResponseStatus.UNAUTHORIZED, "unauthorized",
                "send a valid API token as 'Authorization: Bearer TOKEN'");
    }

    static ApiException notFound(String what) {
        return new ApiException(HttpResponseStatus.NOT_FOUND, "not_found", what + " not found");
    }

    /** 404 {@code no_match}: the request was fine, but nothing stored answers it well enough. */
    static ApiException noMatch(String message) {
        return new ApiException(HttpResponseStatus.NOT_FOUND, "no_match", message);
    }

    static ApiException methodNotAllowed(String method, String path) {
        return new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                method + " is not allowed on " + path);
    }

    static ApiException unavailable(String message) {
        return new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable", message);
    }

    /** 503 with its own code: a feature that is off, or a provider with nothing to offer now. */
    static ApiException unavailable(String error, String message) {
        return new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, error, message);
    }

    /** 502: a provider the gateway depends on (Twilio) failed. */
    static ApiException badGateway(String error, String message) {
        return new ApiException(HttpResponseStatus.BAD_GATEWAY, error, message);
    }

    HttpResponseStatus status() {
        return status;
    }

    String error() {
        return error;
    }
}
