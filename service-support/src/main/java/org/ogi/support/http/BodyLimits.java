package org.ogi.support.http;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.ogi.support.problem.Problem;

/**
 * Refuses a body whose Content-Length exceeds its endpoint's limit with a 413 problem, before anything reads it.
 * Quarkus's own limit answers an empty 413 and closes the connection at once, which most clients see as a broken
 * pipe while still sending; here the answer is a problem body and the rest of the request is drained (up to
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
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = -1; // Quarkus / Netty answer a malformed Content-Length themselves
        }
        String path = request.path();
        long limit = limitOf(path);
        if (declared <= limit) {
            ctx.next();
            return;
        }
        String detail = "请求体过大：本接口最多接受" + size(limit) + "，本请求声明了" + size(declared) + "（Content-Length）";
        byte[] body = ProblemJson.write(new Problem(null, "Content Too Large", 413, detail, path, null));
        long[] drained = {0};
        request.handler(buffer -> {
            drained[0] += buffer.length();
            if (drained[0] > drainUpTo) {
                request.connection().close();
            }
        });
        request.resume();
        if (declared > drainUpTo) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(io.vertx.core.buffer.Buffer.buffer(body));
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
