package org.ogi.format.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void traditionalCharactersBecomeSimplified() {
        assertEquals("政府信息公开工作年度报告", TextNormalizer.normalize("政府信息公開工作年度報告"));
    }

    @Test
    void pinyinAnnotationsOfBrokenConvertersAreRemoved() {
        assertEquals("关于现将", TextNormalizer.normalize("關(guān)于現(xiàn)將"));
        assertEquals("关于", TextNormalizer.normalize("关（guān）于"));
    }

    @Test
    void mojibakeBeforeAnAnnotationIsMarkedUnreadableNotGuessed() {
        String s = TextNormalizer.normalize("?,F(xiàn)将本机关年度报告公布如下");
        assertEquals(TextNormalizer.UNREADABLE + "将本机关年度报告公布如下", s);
        assertTrue(TextNormalizer.lostCharacters(s));
    }

    @Test
    void fullWidthDigitsAndBracketsBecomeAscii() {
        assertEquals("共收到申请42件(含网上申请)", TextNormalizer.normalize("共收到申请４２件（含网上申请）"));
    }

    @Test
    void navigationAndFooterLinesAreDroppedButTheBodyAndPublicationLineKept() {
        String page = """
                • 设为首页|
                  • 加入收藏|
                您现在所在的位置: 网站首页 > 某市商务局 > 政府信息公开年报
                某市商务局2015年度政府信息公开工作年度报告
                发布时间:2016-01-13 00:00 来源:某市商务局 字体:[ ]
                一、概述
                正文第一段。
                扫一扫在手机上查看当前页面
                您的浏览器版本太低!
                """;
        String s = TextNormalizer.normalize(page);
        assertFalse(s.contains("设为首页"));
        assertFalse(s.contains("所在的位置"));
        assertFalse(s.contains("扫一扫"));
        assertFalse(s.contains("浏览器"));
        assertTrue(s.startsWith("某市商务局2015年度政府信息公开工作年度报告\n发布时间:2016-01-13"));
        assertTrue(s.endsWith("正文第一段。"));
    }
}
