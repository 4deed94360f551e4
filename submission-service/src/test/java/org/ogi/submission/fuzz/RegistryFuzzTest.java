package org.ogi.submission.fuzz;

import static org.ogi.submission.Fixtures.newAgencyCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ogi.stack.StackTestResource;
import org.ogi.stack.fuzz.Hostile;
import org.ogi.stack.fuzz.MalformedCase;
import org.ogi.stack.fuzz.MalformedCsv;
import org.ogi.stack.fuzz.MalformedJson;

/** Generated malformed agency PUTs and CSV imports (admin): each refused with a problem naming the field or line; the registry is unchanged. */
@QuarkusTest
@WithTestResource(value = StackTestResource.class, initArgs = @ResourceArg(name = "database", value = "submission"))
class RegistryFuzzTest {

    private static final Set<String> OPTIONAL = Set.of("contactEmail", "webhookUrl", "supervisorCode", "validFrom", "validTo");

    @Test
    void malformedAgencyPutsAreRefusedAndNothingIsStored() {
        String admin = StackTestResource.stack().tokens().admin();
        String code = newAgencyCode("421303");
        ObjectNode base = new ObjectMapper().createObjectNode().put("name", "随州市曾都区财政局").put("regionCode", "421303")
                .put("kind", "DEPARTMENT").put("contactEmail", "gkb@example.gov.cn")
                .put("webhookUrl", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x").putNull("supervisorCode")
                .put("validFrom", "2020-01-01").putNull("validTo");
        FuzzRun run = new FuzzRun("PUT /api/v1/agencies/{code}");
        MalformedJson cases = new MalformedJson(base, Set.of("name"), Set.of(), OPTIONAL, 32100L);
        for (int i = 0; i < 800; i++) {
            run.send(admin, cases.next(), "PUT", "/api/v1/agencies/" + code);
        }
        Random random = new Random(2260L);
        byte[] body = base.toString().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 200; i++) {
            String value = Hostile.pick(Hostile.PARAMETERS, random);
            run.send(admin, new MalformedCase("code " + value, FilingFuzzTest.names(value, false), body, "application/json"),
                    "PUT", "/api/v1/agencies/" + FilingFuzzTest.encode(value));
        }
        run.assertAllRefusedAndNothingStored(1_000);
    }

    @Test
    void malformedCsvImportsAreRefusedWholeAndNothingIsStored() {
        String admin = StackTestResource.stack().tokens().admin();
        List<String> header = List.of("code", "name", "regionCode", "kind", "contactEmail", "webhookUrl", "supervisorCode",
                "validFrom", "validTo");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rows.add(List.of(newAgencyCode("421303"), "曾都区第" + i + "局", "421303", i % 2 == 0 ? "DEPARTMENT" : "GOVERNMENT",
                    "gkb" + i + "@example.gov.cn", "", "", "2020-01-01", ""));
        }
        FuzzRun run = new FuzzRun("POST /api/v1/agencies/import");
        MalformedCsv cases = new MalformedCsv(header, rows, Set.of("name"), OPTIONAL, Set.of("code", "name", "regionCode", "kind"),
                9L);
        for (int i = 0; i < 1_200; i++) {
            run.send(admin, cases.next(), "POST", "/api/v1/agencies/import");
        }
        run.assertAllRefusedAndNothingStored(1_200);
    }
}
