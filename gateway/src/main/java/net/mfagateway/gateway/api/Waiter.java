package net.mfagateway.gateway.api;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import net.mfagateway.gateway.store.Code;

/**
 * One parked {@code codes/next} request: a map entry and its channel, no thread. Completed at
 * most once, by the commit that stores a code, by its timeout, or by the client going away.
 */
final class Waiter {

    private final ChannelHandlerContext ctx;
    private final boolean keepAlive;
    private final String connectionId;
    private final Instant after;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile ScheduledFuture<?> timeout;
    private volatile GenericFutureListener<Future<? super Void>> closeListener;

    Waiter(ChannelHandlerContext ctx, boolean keepAlive, String connectionId, Instant after) {
        this.ctx = ctx;
        this.keepAlive = keepAlive;
        this.connectionId = connectionId;
        this.after = after;
    }

    String connectionId() {
        return connectionId;
    }

    boolean wants(Code code) {
        return code.receivedAt().isAfter(after);
    }

    /** Runs {@code onClose} if the client disconnects before an answer; forgotten once answered. */
    void watchClose(Runnable onClose) {
        GenericFutureListener<Future<? super Void>> listener = f -> {
            done.set(true);
            cancelTimeout();
            onClose.run();
        };
        closeListener = listener;
        ctx.channel().closeFuture().addListener(listener);
    }

    void timeoutAfter(ScheduledFuture<?> timeout) {
        this.timeout = timeout;
    }

    /** Answers with the code; false when already answered. */
    boolean deliver(Code code) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        cancelTimeout();
        Responses.json(ctx, keepAlive, io.netty.handler.codec.http.HttpResponseStatus.OK, CodeView.of(code));
        return true;
    }

    /** Answers 204: nothing came in time. */
    boolean expire() {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        cancelTimeout();
        Responses.noContent(ctx, keepAlive);
        return true;
    }

    private void cancelTimeout() {
        GenericFutureListener<Future<? super Void>> listener = closeListener;
        if (listener != null) {
            ctx.channel().closeFuture().removeListener(listener);
        }
        ScheduledFuture<?> t = timeout;
        if (t != null) {
            t.cancel(false);
        }
    }
}
