package org.ogi.support.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.ogi.support.problem.ProblemException;

/**
 * A JSON body must be well-formed UTF-8. Jackson's own decoding lets overlong forms through ({@code C0 AF} becomes
 * "/") and keeps lone surrogates, so a body is checked with the JDK's strict decoder before it is parsed (found by
 * the fuzz tests: a field name with an overlong slash was reported as an unknown field, a legacy text with one was
 * stored).
 */
@Provider
public class StrictUtf8 implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"))) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(body);
        try {
            decoder.decode(bytes);
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("请求体不是有效的UTF-8编码的JSON：第" + (bytes.position() + 1) + "字节起的字节序列无效");
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }
}
