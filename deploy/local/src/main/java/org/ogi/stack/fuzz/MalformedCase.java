package org.ogi.stack.fuzz;

import java.util.List;

/**
 * One malformed request: what is wrong with it, the words of which the refusal must contain at least one (the field,
 * cell, line or header it names), and the body with its content type (null: send no body).
 */
public record MalformedCase(String defect, List<String> names, byte[] body, String contentType) {

    public MalformedCase {
        names = List.copyOf(names);
    }
}
