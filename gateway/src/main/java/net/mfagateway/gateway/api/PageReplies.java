package net.mfagateway.gateway.api;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the hosted pages answer when something goes wrong: a {@link PageException} becomes its
 * page, anything else is logged and becomes a plain error page. Never JSON, never a stack trace.
 */
final class PageReplies {

    private static final Logger log = LoggerFactory.getLogger(PageReplies.class);

    private PageReplies() {
    }

    /** Runs {@code step}, answering with a page if it refuses or fails. */
    static void guarded(Request req, Runnable step) {
        try {
            step.run();
        } catch (PageException e) {
            refuse(req, e);
        } catch (RuntimeException e) {
            log.error("http.internal_error path=/i/", e);
            refuse(req, PageException.internal());
        }
    }

    /** Runs {@code then} with the write's result once it is stored; a failed write is a "not saved" page. */
    static <T> void whenStored(Request req, CompletableFuture<T> write, Consumer<T> then) {
        write.whenComplete((result, failure) -> {
            if (failure != null) {
                log.warn("invite.write_failed reason=\"{}\"", failure.toString());
                refuse(req, PageException.unavailable());
            } else {
                guarded(req, () -> then.accept(result));
            }
        });
    }

    static void refuse(Request req, PageException e) {
        Responses.html(req.ctx(), req.keepAlive(), e.status(), Html.message(e.title(), e.getMessage()));
    }
}
