package net.mfagateway.gateway.api;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps slow or silent clients from holding connections: once the first byte of a request
 * arrives, the whole request (headers and body) must follow within {@code requestTimeout}, else
 * 408 and close (slowloris); a kept-alive connection with nothing in flight is closed after
 * {@code idleTimeout}. A parked long-poll is a request in flight, so the idle limit never cuts it.
 *
 * <p>It sits first in the pipeline, where it sees raw bytes; {@link #marker()} goes after the
 * aggregator and tells it when a request is whole and when its answer is written. One pair per
 * channel, event loop only.
 */
final class SlowClientGuard extends ChannelDuplexHandler {

    private final Duration requestTimeout;
    private final Duration idleTimeout;
    private ChannelHandlerContext ctx;
    private ChannelHandlerContext answerCtx;
    private ScheduledFuture<?> requestTimer;
    private ScheduledFuture<?> idleTimer;
    private boolean receiving;
    private int inFlight;

    SlowClientGuard(Duration requestTimeout, Duration idleTimeout) {
        this.requestTimeout = requestTimeout;
        this.idleTimeout = idleTimeout;
    }

    /** The handler that goes after the aggregator and reports whole requests and written answers. */
    ChannelDuplexHandler marker() {
        return new ChannelDuplexHandler() {
            @Override
            public void handlerAdded(ChannelHandlerContext c) {
                // Answers must start above the HTTP encoder: the guard's own context is below it.
                answerCtx = c;
            }

            @Override
            public void channelRead(ChannelHandlerContext c, Object msg) throws Exception {
                if (msg instanceof FullHttpRequest) {
                    requestComplete();
                }
                super.channelRead(c, msg);
            }

            @Override
            public void write(ChannelHandlerContext c, Object msg, ChannelPromise promise) throws Exception {
                if (msg instanceof LastHttpContent) {
                    promise = promise.unvoid();
                    promise.addListener(f -> c.executor().execute(SlowClientGuard.this::answered));
                }
                super.write(c, msg, promise);
            }
        };
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        scheduleIdle();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf buf && buf.isReadable() && !receiving) {
            receiving = true;
            cancel(idleTimer);
            requestTimer = ctx.executor().schedule(
                    () -> Responses.errorThenClose(answerCtx, ApiException.requestTimeout(requestTimeout.toSeconds()), 1),
                    requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        super.channelRead(ctx, msg);
    }

    private void requestComplete() {
        receiving = false;
        cancel(requestTimer);
        inFlight++;
    }

    private void answered() {
        inFlight = Math.max(0, inFlight - 1);
        if (inFlight == 0 && !receiving) {
            scheduleIdle();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel(requestTimer);
        cancel(idleTimer);
        super.channelInactive(ctx);
    }

    private void scheduleIdle() {
        cancel(idleTimer);
        idleTimer = ctx.executor().schedule(() -> {
            if (inFlight == 0 && !receiving) {
                ctx.close();
            }
        }, idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
