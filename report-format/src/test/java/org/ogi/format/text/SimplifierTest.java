package org.ogi.format.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The converter against opencc4j's own, on the real report pages in the test resources, on those pages turned
 * traditional, and on every phrase of OpenCC's TSPhrases inside a sentence.
 */
class SimplifierTest {

    private static final List<String> PAGES = List.of("legacy/suizhou-aic-2018.txt", "legacy/xuancheng-commerce-2015.txt",
            "legacy/zhuzhou-aic-2017-plan.txt", "pingtan-2022.json");

    @Test
    void realPagesAndTheirTraditionalFormsConvertAsOpenccDoes() throws IOException {
        int changed = 0;
        for (String page : PAGES) {
            String text = resource(page);
            String traditional = ZhConverterUtil.toTraditional(text);
            assertEquals(ZhConverterUtil.toSimple(text), Simplifier.toSimplified(text), page);
            assertEquals(ZhConverterUtil.toSimple(traditional), Simplifier.toSimplified(traditional), page + ", traditional");
            changed += traditional.equals(text) ? 0 : 1;
        }
        assertEquals(PAGES.size(), changed, "every page has characters that differ in traditional script");
    }

    @Test
    void everyOpenccPhraseInASentenceConvertsAsOpenccDoes() throws IOException {
        String phrases;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("data/dictionary/TSPhrases.txt")) {
            phrases = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int checked = 0;
        for (String line : phrases.split("\n")) {
            String phrase = line.split("\t")[0];
            String sentence = "本機關" + phrase + "，政府資訊公開" + phrase + "。";
            assertEquals(ZhConverterUtil.toSimple(sentence), Simplifier.toSimplified(sentence), phrase);
            checked++;
        }
        assertEquals(273, checked);
    }

    @Test
    void simplifiedTextComesBackUnchanged() {
        String text = "2025年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，依申请公开12件。";
        assertEquals(text, Simplifier.toSimplified(text));
        String plain = "2025年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。";
        assertSame(plain, Simplifier.toSimplified(plain), "no character that starts a phrase or has a traditional form");
        assertNotEquals("政府資訊", Simplifier.toSimplified("政府資訊"));
        assertEquals("𫝈", Simplifier.toSimplified("㑮"));
    }

    private String resource(String name) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " missing from test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
