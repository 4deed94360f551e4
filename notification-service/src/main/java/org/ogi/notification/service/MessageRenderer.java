package org.ogi.notification.service;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import org.ogi.notification.domain.StageKind;

/**
 * Chinese wording of every message, in Qute templates (src/main/resources/templates/MessageRenderer/): an HTML e-mail
 * and a robot markdown message for reminders and for digests. Subjects are built here because they also title the
 * robot message and the delivery log.
 */
@ApplicationScoped
public class MessageRenderer {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance reminderMail(Reminder m);

        static native TemplateInstance reminderMarkdown(Reminder m);

        static native TemplateInstance digestMail(Digest d);

        static native TemplateInstance digestMarkdown(Digest d);
    }

    /** One agency's reminder. {@code daysLeft} counts to the deadline, {@code daysLate} past it. */
    public record Reminder(String subject, String agencyName, String agencyCode, int year, String deadlineText,
                           StageKind kind, long daysLate, long daysLeft, String statusText, String reviewComment,
                           String supervisorName, boolean supervisorCopied, String filingUrl) {
    }

    /** A supervising office's digest of its late agencies. */
    public record Digest(String subject, String supervisorName, int year, String deadlineText, List<DigestRow> rows) {
    }

    public record DigestRow(int number, String agencyName, String agencyCode, String regionCode, long daysLate,
                            String statusText, String reviewComment) {
    }

    public record Rendered(String subject, String html, String markdown) {
    }

    public static String subject(StageKind kind, String agencyName, int year, String deadlineText, long daysLate,
                                 long daysLeft) {
        String report = year + "年度政府信息公开工作年度报告";
        return switch (kind) {
            case BEFORE -> "【提醒】" + report + "请于" + deadlineText + "前报送（还有" + daysLeft + "天）";
            case DUE_DAY -> "【今日截止】" + report + "今天截止报送";
            case LATE -> "【催报】" + agencyName + report + "已逾期" + daysLate + "天";
            case RETURNED -> "【退回重报】" + agencyName + report + "已被退回，请修改后重新报送";
            case ESCALATION -> throw new IllegalArgumentException("a digest has its own subject");
        };
    }

    public static String digestSubject(int year, int lateCount) {
        return "【督办】" + year + "年度政府信息公开工作年度报告逾期未报送情况（" + lateCount + "家）";
    }

    public static String dateText(LocalDate date) {
        return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    public Rendered reminder(Reminder m) {
        return new Rendered(m.subject(), Templates.reminderMail(m).render(), Templates.reminderMarkdown(m).render());
    }

    public Rendered digest(Digest d) {
        return new Rendered(d.subject(), Templates.digestMail(d).render(), Templates.digestMarkdown(d).render());
    }
}
