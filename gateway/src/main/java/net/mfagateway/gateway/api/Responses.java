package net.mfagateway.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes responses. The only place the API's JSON error shape and the hosted pages' headers are written. */
final class Responses {

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Hosted pages run no script, load nothing and cannot be framed. {@code Referrer-Policy:
     * same-origin} rather than {@code no-referrer}: no URL leaves the site either way, but under
     * {@code no-referrer} browsers send {@code Origin: null} with the page's own form posts, which
     * would leave nothing to tell them from another site's (see {@link FormGuard#sameOrigin}).
     */
    private static final Map<String, String> PAGE_HEADERS = Map.of(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            "X-Frame-Options", "DENY",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "same-origin");

    private Responses() {
    }

    static void json(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, Object body) {
        send(ctx, keepAlive, status, "application/json; charset=utf-8", bytes(body));
    }

    static void error(ChannelHandlerContext ctx, boolean keepAlive, ApiException e) {
        json(ctx, keepAlive, e.status(), errorBody(e));
    }

    /**
     * Answers a request whose body is still arriving, then closes. Closing with unread input
     * would reset the connection and the client could lose the answer, so the connection stays
     * open while the rest of the body is discarded, at most {@code lingerSeconds}.
     */
    static void errorThenClose(ChannelHandlerContext ctx, ApiException e, int lingerSeconds) {
        FullHttpResponse response = response(e.status(), "application/json; charset=utf-8", bytes(errorBody(e)));
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response);
        ctx.executor().schedule(() -> ctx.close(), lingerSeconds, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static Map<String, String> errorBody(ApiException e) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", e.error());
        body.put("message", e.getMessage());
        return body;
    }

    private static byte[] bytes(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }

    /** A bare 500 for a bug: logged by the caller, nothing about it sent to the client. */
    static void internalError(ChannelHandlerContext ctx) {
        Map<String, String> body = Map.of("error", "internal", "message", "internal error; see the gateway log");
        json(ctx, false, HttpResponseStatus.INTERNAL_SERVER_ERROR, body);
    }

    static void noContent(ChannelHandlerContext ctx, boolean keepAlive) {
        send(ctx, keepAlive, HttpResponseStatus.NO_CONTENT, null, new byte[0]);
    }

    static void text(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String contentType,
            String body) {
        send(ctx, keepAlive, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A hosted page: HTML with the page headers. */
    static void html(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String page) {
        FullHttpResponse response = response(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
        PAGE_HEADERS.forEach(response.headers()::set);
        send(ctx, keepAlive, response);
    }

    /** 303 to another hosted page (Post/Redirect/Get), optionally setting a cookie. */
    static void seeOther(ChannelHandlerContext ctx, boolean keepAlive, String location, String setCookie) {
        FullHttpResponse response = response(HttpResponseStatus.SEE_OTHER, null, new byte[0]);
        PAGE_HEADERS.forEach(response.headers()::set);
        response.headers().set(HttpHeaderNames.LOCATION, location);
        if (setCookie != null) {
            response.headers().set(HttpHeaderNames.SET_COOKIE, setCookie);
        }
        send(ctx, keepAlive, response);
    }

    private static void send(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status,
            String contentType, byte[] body) {
        send(ctx, keepAlive, response(status, contentType, body));
    }

    private static void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static FullHttpResponse response(HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        if (contentType != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        if (status != HttpResponseStatus.NO_CONTENT) {
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return response;
    }
}
