package org.ogi.format.narrative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ogi.format.Cells;

/** Extraction on texts written the other ways real reports are written: traditional characters, numerals, 万. */
class LegacyExtractorTest {

    private static final String TRADITIONAL = """
            首頁 > 政務公開 > 年度報告
            廣水市財政局2013年政府信息公開工作年度報告
            本報告根據《中華人民共和國政府信息公開條例》要求編制。
            一、概述
            2013年，我局認真貫徹落實《條例》，扎實推進政府信息公開工作。
            二、主動公開政府信息情況
            全年共主動公開政府信息2.3萬條，其中通過門戶網站公開1200條。
            三、依申請公開政府信息情況
            本年度共受理政府信息公開申請十五件，其中當面申請3件，均已按時答覆。
            四、政府信息公開的收費及減免情況
            收取檢索、複製、郵寄費用共計120元。
            五、因政府信息公開申請行政複議、提起行政訴訟的情況
            發生政府信息公開行政複議案件2起，沒有發生行政訴訟案件。
            六、存在的主要問題和改進措施
            主要問題是公開內容不夠全面。
            廣水市財政局
            二〇一四年三月二十日
            """;

    private static BigDecimal value(LegacyExtraction e, String key) {
        return e.metrics().get(key) == null ? null : e.metrics().get(key).value();
    }

    @Test
    void traditionalReportWithChineseNumeralsAndTenThousandsIsRead() {
        LegacyExtraction e = LegacyExtractor.extract(TRADITIONAL, (name, year) ->
                name.startsWith("广水市") ? Optional.of("421381") : Optional.empty());
        assertTrue(e.annualReport());
        assertEquals("广水市财政局", e.agencyName());
        assertEquals("421381", e.regionCode());
        assertEquals(2013, e.reportYear());
        assertEquals(LocalDate.of(2014, 3, 20), e.signedOn());
        assertEquals(0, new BigDecimal("23000").compareTo(value(e, Cells.LEGACY_PROACTIVE_ITEMS)));
        assertEquals(BigDecimal.valueOf(15), value(e, Cells.LEGACY_APPLICATIONS));
        assertEquals(BigDecimal.valueOf(120), value(e, Cells.LEGACY_FEES_YUAN));
        assertEquals(BigDecimal.valueOf(2), value(e, Cells.LEGACY_ADMIN_REVIEWS));
        assertEquals(BigDecimal.ZERO, value(e, Cells.LEGACY_LITIGATIONS));
        assertEquals(List.of(), e.missingSections());
        assertEquals(List.of(), e.findings());
        var evidence = e.metrics().get(Cells.LEGACY_APPLICATIONS).evidence();
        assertEquals(evidence.quote(), e.text().substring(evidence.offset(), evidence.offset() + evidence.quote().length()));
    }

    @Test
    void coverLetterIsNotAReport() {
        LegacyExtraction e = LegacyExtractor.extract("""
                关于报送2016年政府信息公开工作年度报告的函
                市政府办公室：
                现将我局2016年政府信息公开工作年度报告报送你们，请审阅。
                """, LegacyExtractor.RegionResolver.NONE);
        assertEquals(LegacyExtraction.NOT_ANNUAL_REPORT, e.documentType());
        assertEquals("COVER_LETTER", e.kind());
        assertTrue(e.reason().contains("报送函"));
    }

    @Test
    void figuresNotStatedStayNull() {
        LegacyExtraction e = LegacyExtractor.extract("某县统计局2012年政府信息公开工作年度报告\n一、概述\n本年度工作有序开展。",
                LegacyExtractor.RegionResolver.NONE);
        assertTrue(e.annualReport());
        e.metrics().values().forEach(m -> assertNull(m));
        assertEquals(5, e.missingSections().size());
    }
}
