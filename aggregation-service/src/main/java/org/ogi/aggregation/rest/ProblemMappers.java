package org.ogi.aggregation.rest;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.ogi.aggregation.service.ProblemException;

/** Turns every failure into RFC 9457 problem details in Chinese, without leaking class names or stack traces. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(new Problem(null, e.title(), e.status(), e.getMessage(), uri.getPath()));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return respond(new Problem(null, "Unauthorized", 401, "需要有效的身份令牌（Authorization: Bearer …）", uri.getPath()));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(null, "Forbidden", 403, "当前身份无权执行此操作", uri.getPath()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String detail = switch (status) {
            case 404 -> "找不到该资源";
            case 405 -> "不支持该请求方法";
            case 406 -> "不支持所请求的响应格式（可用 application/json 或 text/csv）";
            case 415 -> "不支持该请求体格式";
            default -> status >= 500 ? "服务器内部错误" : "请求无效";
        };
        return respond(new Problem(null, e.getResponse().getStatusInfo().getReasonPhrase(), status, detail,
                uri.getPath()));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.errorf(e, "Unhandled error on %s", uri.getPath());
        return respond(new Problem(null, "Internal Server Error", 500, "服务器内部错误，请稍后重试", uri.getPath()));
    }

    static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
