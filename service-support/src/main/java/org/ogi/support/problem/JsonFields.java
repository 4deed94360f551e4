package org.ogi.support.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Names the field a JSON binding failed at and what it should have been, in Chinese, from the exception's path
 * and target type: Jackson's own message names Java types and classes, which must not reach the caller.
 */
final class JsonFields {

    private JsonFields() {
    }

    static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    static String message(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "未知字段";
        }
        Class<?> type = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (type == null) {
            return "值的类型或格式不正确";
        }
        if (type == String.class) {
            return "应为文本";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "应为整数";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "应为 true 或 false";
        }
        if (type.isEnum()) {
            return "应为以下之一：" + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining("、"));
        }
        return "值的类型或格式不正确";
    }
}
