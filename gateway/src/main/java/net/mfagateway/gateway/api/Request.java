package net.mfagateway.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One HTTP request, taken apart once: method, path segments, query, headers, body as JSON. */
record Request(ChannelHandlerContext ctx, String method, String path, List<String> segments,
        Map<String, List<String>> query, String authorization, byte[] body, boolean keepAlive, HttpHeaders headers) {

    static Request of(ChannelHandlerContext ctx, FullHttpRequest http) {
        QueryStringDecoder decoder = new QueryStringDecoder(http.uri());
        String path = decoder.path();
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        byte[] body = new byte[http.content().readableBytes()];
        http.content().getBytes(http.content().readerIndex(), body);
        return new Request(ctx, http.method().name(), path, segments, decoder.parameters(),
                http.headers().get(HttpHeaderNames.AUTHORIZATION), body, HttpUtil.isKeepAlive(http),
                http.headers().copy());
    }

    /** The first value of a request header, if sent. */
    Optional<String> header(CharSequence name) {
        return Optional.ofNullable(headers.get(name));
    }

    Optional<String> param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body as a JSON object, or a 400 that says what is wrong with it. */
    JsonNode jsonObject() {
        if (body.length == 0) {
            throw ApiException.badRequest("bad_json", "the request needs a JSON object body");
        }
        JsonNode node;
        try {
            node = Responses.JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("bad_json", "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("bad_json", "the body must be a JSON object");
        }
        return node;
    }

    /** An optional string field; a present non-string is a 400. */
    Optional<String> string(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("invalid_field", "'" + field + "' must be a string");
        }
        return Optional.of(value.asText());
    }
}
