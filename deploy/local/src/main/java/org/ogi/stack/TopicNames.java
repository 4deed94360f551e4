package org.ogi.stack;

import java.util.ArrayList;
import java.util.List;
import org.ogi.format.Topics;

/** The topics the stack creates, named by report-format's {@link Topics} so that the names have one definition. */
final class TopicNames {

    static final List<String> STATE_TOPICS = List.of(Topics.AGENCIES, Topics.REPORTS);

    private TopicNames() {
    }

    static String dlq(String topic) {
        return Topics.dlq(topic);
    }

    static List<String> all() {
        List<String> all = new ArrayList<>();
        STATE_TOPICS.forEach(topic -> {
            all.add(topic);
            all.add(dlq(topic));
        });
        return all;
    }
}
