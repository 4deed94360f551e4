package org.ogi.support.http;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.ogi.support.problem.Problem;

/**
 * Refuses a body over its endpoint's limit with a 413 problem. A declared Content-Length is judged before anything
 * is read; an HTTP/1.1 body sent without one (chunked) is read here, counted as it arrives and refused the moment the
 * count passes the limit, else handed on whole. Quarkus's own limit ({@code quarkus.http.limits.max-body-size}) stays the
 * outer net, but it answers an empty 413 and closes the connection at once, which most clients see as a broken pipe
 * while still sending; here the answer is a problem body and the rest of the request is drained (up to
 * {@link BodyLimitConfig#drainUpTo()}) so the client reads it.
 */
@ApplicationScoped
public class BodyLimits {

    private final long defaultLimit;
    private final long drainUpTo;
    private final List<Map.Entry<String, Long>> prefixes;

    public BodyLimits(BodyLimitConfig config) {
        this.defaultLimit = config.defaultLimit().asLongValue();
        this.drainUpTo = config.drainUpTo().asLongValue();
        this.prefixes = config.paths().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().asLongValue()))
                .sorted(Comparator.comparing((Map.Entry<String, Long> e) -> e.getKey().length()).reversed())
                .toList();
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    /** The limit of a request path: the longest matching configured prefix, else the default. */
    public long limitOf(String path) {
        for (Map.Entry<String, Long> e : prefixes) {
            if (path.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return defaultLimit;
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        long limit = limitOf(request.path());
        if (length == null) {
            if (mayCarryBody(request)) {
                readCounting(ctx, limit);
            } else {
                ctx.next();
            }
            return;
        }
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            ctx.next(); // Quarkus / Netty answer a malformed Content-Length themselves
            return;
        }
        if (declared <= limit) {
            ctx.next();
            return;
        }
        refuseDeclared(ctx, "请求体过大：本接口最多接受" + size(limit) + "，本请求声明了" + size(declared) + "（Content-Length）",
                declared > drainUpTo);
    }

    /**
     * HTTP/1.1 without a Content-Length has a body only when chunked. HTTP/2 (h2c) is left to Quarkus's own limit: a
     * stream read to its end here cannot be handed on (the REST layer pauses it, which Vert.x refuses once read).
     */
    private static boolean mayCarryBody(HttpServerRequest request) {
        return request.version() != HttpVersion.HTTP_2 && !request.isEnded()
                && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    /**
     * Reads a body of unknown size, counting as it arrives: past the limit it answers the problem and discards the
     * rest (closing the connection past {@link BodyLimitConfig#drainUpTo()}); within it, the whole body goes on to
     * the REST layer as the request's body, as Vert.x's own body handler would hand it.
     */
    private void readCounting(RoutingContext ctx, long limit) {
        HttpServerRequest request = ctx.request();
        Buffer[] body = {Buffer.buffer()};
        long[] read = {0};
        request.handler(chunk -> {
            read[0] += chunk.length();
            if (body[0] == null) {
                closePastDrainLimit(request, read[0]);
            } else if (read[0] > limit) {
                body[0] = null;
                answer(ctx, "请求体过大：本接口最多接受" + size(limit) + "，本请求（分块传输，未声明 Content-Length）已超过此大小", false);
            } else {
                body[0].appendBuffer(chunk);
            }
        });
        request.endHandler(v -> {
            if (body[0] != null) {
                ((RoutingContextInternal) ctx).setBody(body[0]);
                ctx.next();
            }
        });
        request.exceptionHandler(ctx::fail);
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            ctx.response().writeContinue(); // curl waits a second for it before sending a body of unknown size
        }
        request.resume();
    }

    /** Refuses a declared length before reading: the body is discarded as it arrives so the client reads the answer. */
    private void refuseDeclared(RoutingContext ctx, String detail, boolean close) {
        HttpServerRequest request = ctx.request();
        long[] drained = {0};
        request.handler(buffer -> {
            drained[0] += buffer.length();
            closePastDrainLimit(request, drained[0]);
        });
        request.resume();
        answer(ctx, detail, close);
    }

    private void closePastDrainLimit(HttpServerRequest request, long drained) {
        if (drained > drainUpTo) {
            request.connection().close();
        }
    }

    private static void answer(RoutingContext ctx, String detail, boolean close) {
        byte[] problem = ProblemJson.write(new Problem(null, "Content Too Large", 413, detail, ctx.request().path(), null));
        if (close) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(Buffer.buffer(problem));
    }

    static String size(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes >= 1024 * 1024) {
            return String.format("%.1f MB", bytes / 1024.0 / 1024.0);
        }
        return bytes >= 1024 ? bytes / 1024 + " KB" : bytes + " 字节";
    }
}
