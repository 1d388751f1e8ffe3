package net.mfagateway.gateway.api;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each request to its handler and turns refusals into JSON errors. Runs on a worker
 * executor, not the event loop, because handlers read the store. {@link #exceptionCaught} is
 * the one place where anything unexpected becomes a bare 500, without a stack trace.
 */
@ChannelHandler.Sharable
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

    private final Store store;
    private final List<Routes> routes;
    private final InvitationPages pages;
    private final Supplier<String> metrics;
    private final Health health;
    private final Map<String, ChannelInboundHandler> mounts;

    /**
     * {@code routes}: the groups of authenticated {@code /v1/} calls, asked in order; {@code pages}:
     * the hosted pages under {@code /i/}, which answer in HTML and need no API token;
     * {@code mounts}: handlers that own a whole path (e.g. a webhook with its own protocol).
     */
    ApiHandler(Store store, List<Routes> routes, InvitationPages pages, Supplier<String> metrics, Health health,
            Map<String, ChannelInboundHandler> mounts) {
        this.store = store;
        this.routes = List.copyOf(routes);
        this.pages = pages;
        this.metrics = metrics;
        this.health = health;
        this.mounts = Map.copyOf(mounts);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
        Request req = Request.of(ctx, http);
        if (!http.decoderResult().isSuccess()) {
            Responses.error(ctx, false, ApiException.badRequest("bad_request", "malformed HTTP request"));
            return;
        }
        ChannelInboundHandler mount = mounts.get(req.path());
        if (mount != null) {
            try {
                mount.channelRead(ctx, http.retain());
            } catch (Exception e) {
                exceptionCaught(ctx, e);
            }
            return;
        }
        if (InvitationPages.owns(req)) {
            // Before bearer authentication: the owner has a link and a session cookie, no API token.
            pages.handle(req);
            return;
        }
        try {
            route(req);
        } catch (ApiException e) {
            Responses.error(ctx, req.keepAlive(), e);
        } catch (net.mfagateway.gateway.store.StoreException e) {
            // A store that cannot be read now (a database failing over): the caller retries.
            log.warn("http.store_unavailable path={} reason=\"{}\"", req.path(), e.getMessage());
            Responses.error(ctx, req.keepAlive(), ApiException.unavailable("store_unavailable",
                    "the store cannot be reached now; retry shortly"));
        }
    }

    private void route(Request req) {
        List<String> s = req.segments();
        String m = req.method();
        if (s.size() == 1 && s.get(0).equals("healthz")) {
            only("GET", req);
            health.answer(req);
            return;
        }
        if (s.size() == 1 && s.get(0).equals("metrics")) {
            only("GET", req);
            Responses.text(req.ctx(), req.keepAlive(), HttpResponseStatus.OK,
                    "text/plain; version=0.0.4; charset=utf-8", metrics.get());
            return;
        }
        if (s.size() < 2 || !s.get(0).equals("v1")) {
            throw ApiException.notFound("path " + req.path());
        }
        Tenant tenant = authenticate(req);
        for (Routes group : routes) {
            if (group.route(req, tenant)) {
                return;
            }
        }
        throw ApiException.notFound("path " + req.path());
    }

    private static void only(String method, Request req) {
        Routes.only(method, req);
    }

    private Tenant authenticate(Request req) {
        String header = req.authorization();
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw ApiException.unauthorized();
        }
        return store.tenantByTokenHash(Tenant.hashToken(header.substring(7).trim()))
                .orElseThrow(ApiException::unauthorized);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof java.util.concurrent.RejectedExecutionException) {
            // The server is stopping: the channel's event loop is gone, nothing can be answered.
            log.debug("http.closing_during_shutdown");
            return;
        }
        if (cause instanceof java.io.IOException) {
            log.debug("http.connection_error reason={}", cause.toString());
            ctx.close();
            return;
        }
        log.error("http.internal_error", cause);
        if (ctx.channel().isActive()) {
            Responses.internalError(ctx);
        }
    }
}
