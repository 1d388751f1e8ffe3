package net.mfagateway.gateway.api;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A hosted-page request that is refused, answered with a small HTML page (never JSON, never a
 * stack trace): the status, a title and one sentence saying what the owner can do.
 */
final class PageException extends RuntimeException {

    private final HttpResponseStatus status;
    private final String title;

    PageException(HttpResponseStatus status, String title, String message) {
        super(message, null, false, false);
        this.status = status;
        this.title = title;
    }

    static PageException notFound() {
        return new PageException(HttpResponseStatus.NOT_FOUND, "This link is not valid",
                "Check that you copied the whole link, or ask for a new one.");
    }

    static PageException expired() {
        return new PageException(HttpResponseStatus.GONE, "This link has expired",
                "This link has expired, ask for a new one.");
    }

    static PageException used() {
        return new PageException(HttpResponseStatus.GONE, "This link was already used",
                "This link was already used. Links work once; ask for a new one if you need to change anything.");
    }

    static PageException noSession() {
        return new PageException(HttpResponseStatus.FORBIDDEN, "Open the link from your invitation",
                "This page opens from the link you were sent. If it was already used, ask for a new one.");
    }

    static PageException forbidden() {
        return new PageException(HttpResponseStatus.FORBIDDEN, "This form was not accepted",
                "The form did not come from this page. Reload the page and try again.");
    }

    static PageException finished() {
        return new PageException(HttpResponseStatus.CONFLICT, "Already confirmed",
                "You already confirmed this set-up; there is nothing more to do here.");
    }

    static PageException methodNotAllowed() {
        return new PageException(HttpResponseStatus.METHOD_NOT_ALLOWED, "Not available",
                "This address does not take that kind of request.");
    }

    static PageException unavailable() {
        return new PageException(HttpResponseStatus.SERVICE_UNAVAILABLE, "Not saved",
                "Something went wrong while saving. Please go back and try again in a moment.");
    }

    static PageException internal() {
        return new PageException(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Something went wrong",
                "Something went wrong on our side. Please try again later.");
    }

    HttpResponseStatus status() {
        return status;
    }

    String title() {
        return title;
    }
}
