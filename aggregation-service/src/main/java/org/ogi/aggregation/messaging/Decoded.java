package org.ogi.aggregation.messaging;

/** Either a usable event or the reason it is not, which goes into the dead-letter record's headers. */
public record Decoded<T>(T event, String problem) {

    public static <T> Decoded<T> ok(T event) {
        return new Decoded<>(event, null);
    }

    public static <T> Decoded<T> invalid(String problem) {
        return new Decoded<>(null, problem);
    }

    public boolean valid() {
        return problem == null;
    }
}
