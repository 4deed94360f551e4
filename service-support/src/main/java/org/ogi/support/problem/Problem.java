package org.ogi.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** RFC 9457 problem details; `errors` lists every rule violation or bad field, never the first only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<Item> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One violation: a report rule with its cell, or a bad field of a request or CSV line. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String rule, String cell, Integer line, String field, String message) {

        public static Item rule(String rule, String cell, String message) {
            return new Item(rule, cell, null, null, message);
        }

        public static Item field(String field, String message) {
            return new Item(null, null, null, field, message);
        }
    }
}
