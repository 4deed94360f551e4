package org.ogi.format.narrative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NarrativeSignatureTest {

    private static final String CHARS = "政府信息公开工作主动依申请平台建设监督保障规范性文件解读回应关切政务服务网站新媒体"
            + "培训考核制度目录指南标准化基层重点领域决策预算决算财政资金项目审批许可处罚强制收费采购民生就业教育医疗";

    /** A narrative in the register of the reports: sentences drawn at random from a large generated pool. */
    private static String narrative(Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 14; j++) {
                s.append(CHARS.charAt(random.nextInt(CHARS.length())));
            }
            s.append('。');
        }
        return s.toString();
    }

    @Test
    void plantedNearDuplicateAmongHundredsIsFoundThroughBandsAndNoOtherPair() {
        Random random = new Random(7);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            texts.add(narrative(random));
        }
        // the copy: agency 123's text with another name and other numbers and a sentence changed
        String original = "2021年，某县交通运输局共主动公开政府信息326条。" + texts.get(123);
        texts.set(123, original);
        String copy = original.replace("326", "518").replace("某县交通运输局", "某县水利局").substring(0, original.length() - 15)
                + "新增加的一句话。";
        texts.add(copy);

        Map<Long, List<Integer>> buckets = new HashMap<>();
        List<int[]> sigs = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String comparable = texts.get(i).replaceAll("\\d+", "#").replaceAll("[^\\p{IsHan}#]", "");
            int[] sig = NarrativeSignature.of(comparable);
            sigs.add(sig);
            for (long key : NarrativeSignature.bandKeys(sig)) {
                buckets.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        Set<String> found = new HashSet<>();
        int candidates = 0;
        for (List<Integer> bucket : buckets.values()) {
            for (int a = 0; a < bucket.size(); a++) {
                for (int b = a + 1; b < bucket.size(); b++) {
                    candidates++;
                    int i = bucket.get(a);
                    int j = bucket.get(b);
                    if (NarrativeSignature.similarity(sigs.get(i), sigs.get(j)) >= 0.8) {
                        found.add(Math.min(i, j) + "-" + Math.max(i, j));
                    }
                }
            }
        }
        assertEquals(Set.of("123-400"), found);
        assertTrue(candidates < 400, "band lookup should not compare all pairs, compared " + candidates);
        double exact = NarrativeSignature.exactSimilarity(texts.get(123), copy);
        assertTrue(Math.abs(exact - NarrativeSignature.similarity(sigs.get(123), sigs.get(400))) < 0.15);
    }

    @Test
    void estimateTracksExactJaccardFromDissimilarToNearlyEqualTexts() {
        Random random = new Random(11);
        double worst = 0;
        double sumError = 0;
        int pairs = 0;
        for (int round = 0; round < 60; round++) {
            String base = narrative(random).replaceAll("[^\\p{IsHan}]", "");
            // keep a growing share of the text and replace the rest: similarities from about 0.05 to 1
            int keep = base.length() * (round % 20 + 1) / 20;
            StringBuilder other = new StringBuilder(base.substring(0, keep));
            while (other.length() < base.length()) {
                other.append(CHARS.charAt(random.nextInt(CHARS.length())));
            }
            String b = other.toString().replaceAll("[^\\p{IsHan}]", "");
            double exact = NarrativeSignature.exactSimilarity(base, b);
            double estimate = NarrativeSignature.similarity(NarrativeSignature.of(base), NarrativeSignature.of(b));
            worst = Math.max(worst, Math.abs(exact - estimate));
            sumError += Math.abs(exact - estimate);
            pairs++;
        }
        // 128 bins: the standard error of the estimate is at most 0.044; no pair may be off by more than 4 of them
        assertTrue(worst < 0.18, "worst error " + worst);
        assertTrue(sumError / pairs < 0.05, "mean error " + sumError / pairs);
    }

    @Test
    void textsOfNoCommonShingleHaveNoEqualBin() {
        String a = narrative(new Random(1)).replaceAll("[^\\p{IsHan}]", "");
        String b = "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ".repeat(5);
        assertEquals(0.0, NarrativeSignature.similarity(NarrativeSignature.of(a), NarrativeSignature.of(b)));
    }

    @Test
    void tooShortTextsHaveNoSignature() {
        assertEquals(null, NarrativeSignature.of("2022年无收取信息处理费情况"));
    }

    @Test
    void foldingKeepsHanAndLatinAndTurnsEveryNumberIntoOneMark() {
        String text = "2021年共收到申请42件，较上年增长12.5%；公开率 98.7 %。ABC ｘ 第3.项 #1";
        String byRegex = text.replaceAll("\\d+(?:\\.\\d+)?", "#").replaceAll("[^\\p{IsHan}\\p{IsLatin}#]", "");
        assertEquals(byRegex, NarrativeSignature.fold(text));
        assertEquals("#年共收到申请#件较上年增长#公开率#ABCｘ第#项##", NarrativeSignature.fold(text));
    }
}
