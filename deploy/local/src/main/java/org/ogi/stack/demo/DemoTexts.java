package org.ogi.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ogi.format.Cells;

/**
 * Narrative sections for the demo reports. The figures the text states are read from the tables, so R8
 * (narrative matches tables) holds; sentences are drawn from pools so that agencies' texts differ enough
 * not to look copied from one another.
 */
final class DemoTexts {

    private static final List<String> MEASURES = List.of(
            "健全政务公开工作机制，明确分管领导和专职工作人员，将政务公开纳入年度绩效考核",
            "持续完善政府信息公开指南和目录，及时更新机构职能、办事指南等基础信息",
            "围绕重大项目建设、民生实事等重点领域，加大信息主动公开力度",
            "严格执行公文公开属性源头认定制度，做到应公开尽公开",
            "规范依申请公开办理流程，实行登记、审核、答复全过程留痕管理",
            "加强政府网站和政务新媒体建设，做好政策文件的同步解读",
            "开展政务公开业务培训，提升工作人员依法公开意识和业务能力",
            "落实政府信息公开保密审查制度，确保公开信息不涉密",
            "推进基层政务公开标准化规范化建设，完善公开事项目录",
            "通过政务服务大厅、公开查阅点等线下渠道方便群众查阅信息");

    private static final List<String> PROBLEMS = List.of(
            "政策解读形式较为单一，图文、音视频等多样化解读偏少",
            "部分信息更新不够及时，栏目维护存在滞后现象",
            "依申请公开答复的规范性有待提高，告知理由不够充分",
            "工作人员业务能力参差不齐，培训覆盖面不够",
            "重点领域信息公开的深度和广度仍需拓展",
            "公众参与渠道有限，意见征集后的反馈不够充分",
            "政府信息管理基础工作薄弱，历史文件清理不够彻底");

    private static final List<String> IMPROVEMENTS = List.of(
            "丰富政策解读形式，提高解读的针对性和可读性",
            "建立信息发布审核和定期检查制度，确保信息及时准确",
            "加强对依申请公开答复文书的审核把关",
            "组织开展专题培训，提升队伍整体业务水平",
            "围绕群众关切拓展公开内容，增强公开实效",
            "拓宽公众参与渠道，及时反馈意见采纳情况",
            "开展规范性文件清理，及时公开清理结果");

    private final Random random;

    DemoTexts(Random random) {
        this.random = random;
    }

    /** 一、总体情况, with the table figures it mentions copied from the body. */
    String overview(String agency, int year, JsonNode body) {
        JsonNode docs = body.get(Cells.ACTIVE_DISCLOSURE).get("normativeDocuments");
        boolean f2021 = docs.has(Cells.ISSUED);
        JsonNode req = body.get(Cells.REQUESTS);
        JsonNode rl = body.get(Cells.REVIEW_AND_LITIGATION);
        int litigation = rl.get("litigationDirect").get(Cells.TOTAL).asInt()
                + rl.get("litigationAfterReview").get(Cells.TOTAL).asInt();
        StringBuilder text = new StringBuilder();
        text.append(year).append("年，").append(agency)
                .append("认真贯彻落实《中华人民共和国政府信息公开条例》，").append(pick(List.of(
                        "坚持以公开为常态、不公开为例外", "紧紧围绕中心工作", "按照上级关于政务公开工作的部署要求")))
                .append("，扎实推进政府信息公开工作。");
        List<String> measures = pickSome(MEASURES, 2 + random.nextInt(2));
        for (int i = 0; i < measures.size(); i++) {
            text.append(ORDINALS[i]).append(measures.get(i)).append("。");
        }
        text.append("主动公开方面，本年度").append(f2021 ? "制发" : "新制作").append("规范性文件")
                .append(docs.get(f2021 ? Cells.ISSUED : "made").asInt()).append("件。");
        text.append("依申请公开方面，本年新收政府信息公开申请").append(total(req, Cells.NEW)).append("件，上年结转")
                .append(total(req, Cells.CARRIED_OVER)).append("件，办结").append(total(req, Cells.TOTAL_HANDLED))
                .append("件，结转下年度继续办理").append(total(req, Cells.CARRIED_FORWARD)).append("件。");
        text.append("监督保障方面，本年度发生政府信息公开行政复议")
                .append(rl.get(Cells.ADMIN_REVIEW).get(Cells.TOTAL).asInt()).append("件、行政诉讼").append(litigation)
                .append("件。");
        return text.toString();
    }

    String problems(String agency, int year) {
        List<String> problems = pickSome(PROBLEMS, 2 + random.nextInt(2));
        List<String> fixes = pickSome(IMPROVEMENTS, problems.size());
        StringBuilder text = new StringBuilder(year + "年，" + agency + "政府信息公开工作取得了一定成效，但仍存在一些不足：");
        for (int i = 0; i < problems.size(); i++) {
            text.append(ORDINALS[i]).append(problems.get(i)).append("。");
        }
        text.append(year + 1).append("年，将采取以下措施加以改进：");
        for (int i = 0; i < fixes.size(); i++) {
            text.append(ORDINALS[i]).append(fixes.get(i)).append("。");
        }
        return text.toString();
    }

    /** 六、其他需要报告的事项: the statement on 信息处理费 (国办函〔2020〕109号) that reviewers look for. */
    String otherMatters(int year) {
        if (random.nextDouble() < 0.93) {
            return "本年度未收取政府信息公开信息处理费。";
        }
        int notices = 1 + random.nextInt(3);
        return "依据《政府信息公开信息处理费管理办法》，本年度发出收费通知" + notices + "件，收取信息处理费"
                + (notices * 100 * (1 + random.nextInt(4))) + "元。";
    }

    /** A free-text report of the 2008 Regulation era, stating the five legacy figures. */
    String legacy(String agency, int year, int proactive, int applications, int feesYuan, int reviews,
                  int litigation) {
        StringBuilder text = new StringBuilder();
        text.append(agency).append(year).append("年度政府信息公开工作报告\n");
        text.append("本报告根据《中华人民共和国政府信息公开条例》要求编制。现将").append(agency).append(year)
                .append("年度政府信息公开工作情况报告如下：\n");
        text.append("一、概述\n").append(year).append("年，").append(agency);
        text.append(String.join("，", pickSome(MEASURES, 2))).append("，政府信息公开工作取得了较好成效。\n");
        text.append("二、主动公开政府信息情况\n").append(year).append("年，共主动公开政府信息").append(proactive)
                .append("条。\n");
        text.append("三、依申请公开政府信息情况\n");
        text.append(applications == 0 ? "全年未收到政府信息公开申请。\n"
                : "全年共收到政府信息公开申请" + applications + "件，均已按期答复。\n");
        text.append("四、政府信息公开收费及减免情况\n");
        text.append(feesYuan == 0 ? "全年未收取政府信息公开相关费用。\n"
                : "全年收取政府信息公开检索、复制、邮寄等费用" + feesYuan + "元。\n");
        text.append("五、因政府信息公开申请行政复议、提起行政诉讼的情况\n");
        text.append("全年发生政府信息公开行政复议").append(reviews).append("件，行政诉讼").append(litigation)
                .append("件。\n");
        text.append("六、存在的主要问题及改进措施\n");
        text.append("主要问题是").append(pick(PROBLEMS)).append("。下一步将").append(pick(IMPROVEMENTS)).append("。\n");
        return text.toString();
    }

    private static final String[] ORDINALS = {"一是", "二是", "三是", "四是"};

    private static int total(JsonNode requests, String row) {
        return requests.get(row).get(Cells.TOTAL).asInt();
    }

    private String pick(List<String> pool) {
        return pool.get(random.nextInt(pool.size()));
    }

    private List<String> pickSome(List<String> pool, int n) {
        List<String> copy = new ArrayList<>(pool);
        Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(n, copy.size()));
    }
}
