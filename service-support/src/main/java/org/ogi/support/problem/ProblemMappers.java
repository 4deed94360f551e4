package org.ogi.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into RFC 9457 problem details in Chinese, without leaking class names or stack traces. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(new Problem(null, e.title(), e.status(), e.getMessage(), uri.getPath(), e.errors()));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return respond(new Problem(null, "Unauthorized", 401, "需要有效的身份令牌（Authorization: Bearer …）", uri.getPath(), null));
    }

    /** A token that is present but fails verification (signature, issuer, audience, expiry, not-before, alg). */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        Problem p = new Problem(null, "Unauthorized", 401,
                "身份令牌无效：签名、签发者（iss）、受众（aud）或有效期（exp/nbf）未通过验证，请重新获取令牌", uri.getPath(), null);
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer").entity(p).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(null, "Forbidden", 403, "当前身份无权执行此操作", uri.getPath(), null));
    }

    @ServerExceptionMapper
    public Response invalidJson(JsonProcessingException e, UriInfo uri) {
        var loc = e.getLocation();
        String where = loc == null ? "" : "（第" + loc.getLineNr() + "行第" + loc.getColumnNr() + "列）";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = JsonFields.path(m);
            String message = JsonFields.message(m);
            return respond(new Problem(null, "Bad Request", 400, "请求体字段 " + field + " 无效：" + message + where,
                    uri.getPath(), List.of(Problem.Item.field(field, message))));
        }
        String what = e instanceof StreamConstraintsException ? "请求体超出JSON的嵌套或长度限制" : "请求体不是有效的JSON";
        return respond(new Problem(null, "Bad Request", 400, what + where, uri.getPath(), null));
    }

    /** More specific than the JsonProcessingException above, so that Quarkus's own empty 400 for it is not used. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return invalidJson(e, uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Item> items = e.getConstraintViolations().stream()
                .map(v -> Problem.Item.field(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.Item::field))
                .toList();
        return respond(new Problem(null, "Unprocessable Content", 422, "请求内容不符合要求", uri.getPath(), items));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, HttpHeaders headers, Request request) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException json) {
                return invalidJson(json, uri);
            }
        }
        int status = e.getResponse().getStatus();
        String detail = switch (status) {
            case 404 -> "找不到该资源：请求路径 " + uri.getPath() + " 不存在或其中的年度、代码格式不对";
            case 405 -> "不支持该请求方法：" + request.getMethod() + " " + uri.getPath() + "（请求路径或方法不对）";
            case 406 -> "不支持所请求的响应格式（见 Accept 请求头）";
            case 413 -> "请求体过大";
            case 415 -> "不支持该请求体格式（Content-Type: " + headers.getHeaderString(HttpHeaders.CONTENT_TYPE) + "）";
            default -> status >= 500 ? "服务器内部错误" : "请求无效";
        };
        return respond(new Problem(null, e.getResponse().getStatusInfo().getReasonPhrase(), status, detail, uri.getPath(), null));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        if (DatabaseUnavailable.causedBy(e)) {
            // the database is down or restarting: a retry will do, so 503 (with Retry-After), not a 500
            LOG.warnf("Database unavailable on %s: %s", uri.getPath(), DatabaseUnavailable.describe(e));
            return Response.fromResponse(respond(new Problem(null, "Service Unavailable", 503,
                    "数据库暂时不可用，本次请求未能完成，请稍后重试", uri.getPath(), null)))
                    .header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS).build();
        }
        LOG.errorf(e, "Unhandled error on %s", uri.getPath());
        return respond(new Problem(null, "Internal Server Error", 500, "服务器内部错误，请稍后重试", uri.getPath(), null));
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
