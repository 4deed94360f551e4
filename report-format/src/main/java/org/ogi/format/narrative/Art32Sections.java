package org.ogi.format.narrative;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ogi.format.Cells;

/**
 * The contents Art. 32 of the 2008 Regulation requires of every annual report (其他需要报告的事项 only when there
 * are any). A section is present when a numbered heading names it, or when the text states its figure (a
 * report without a 「收费」 heading that says 「未收取任何费用」 has made the statement reviewers look for).
 */
public final class Art32Sections {

    public static final String PROACTIVE = "主动公开政府信息情况";
    public static final String ON_REQUEST = "依申请公开政府信息情况";
    public static final String FEES = "政府信息公开收费及减免情况";
    public static final String REVIEW = "因政府信息公开申请行政复议、提起行政诉讼情况";
    public static final String PROBLEMS = "政府信息公开工作存在的主要问题及改进情况";
    public static final String OTHER = "其他需要报告的事项";

    private record Section(String name, Pattern heading, List<String> figures, boolean required) {
    }

    private static final List<Section> SECTIONS = List.of(
            new Section(PROACTIVE, Pattern.compile("主动公开"), List.of(Cells.LEGACY_PROACTIVE_ITEMS), true),
            new Section(ON_REQUEST, Pattern.compile("依申请|申请公开"), List.of(Cells.LEGACY_APPLICATIONS), true),
            new Section(FEES, Pattern.compile("收费|费用|减免"), List.of(Cells.LEGACY_FEES_YUAN), true),
            new Section(REVIEW, Pattern.compile("行政复议|行政诉讼"),
                    List.of(Cells.LEGACY_ADMIN_REVIEWS, Cells.LEGACY_LITIGATIONS), true),
            new Section(PROBLEMS, Pattern.compile("问题|不足|改进"), List.of(), true),
            new Section(OTHER, Pattern.compile("其他需要报告|其他事项"), List.of(), false));

    /** Present and missing section names, in the Regulation's order. */
    public record Presence(List<String> present, List<String> missing) {
    }

    private Art32Sections() {
    }

    static Presence detect(TextUnits units, Map<String, ?> statedFigures) {
        List<String> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Section s : SECTIONS) {
            boolean headed = units.headings().stream().anyMatch(h -> s.heading().matcher(h.title()).find()
                    && !(s.name().equals(ON_REQUEST) && h.title().contains("行政复议")));
            boolean stated = s.figures().stream().anyMatch(statedFigures::containsKey);
            if (headed || stated) {
                present.add(s.name());
            } else if (s.required()) {
                missing.add(s.name());
            }
        }
        return new Presence(present, missing);
    }
}
