package lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class VerdictReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String VERDICT = """
            {"run_id":"r7","totals":{"KAFKA_ONLY":{"POSTGRES":{"CORRECT":40,"LAGGING":0,"WRONG":2,"MISSING":1}}},
             "windows":[
               {"business_key":"r7-acct-0000","window_start":"2026-01-01T00:00:00Z","engine":"KAFKA_ONLY","expected":1250,
                "stores":{"POSTGRES":{"value":1250,"version":1,"confidence":"EVENTUALLY_CONSISTENT","verdict":"CORRECT"}}},
               {"business_key":"r7-acct-0001","window_start":"2026-01-01T00:00:10Z","engine":"KAFKA_ONLY","expected":-30,
                "stores":{"POSTGRES":{"value":-45,"version":3,"confidence":"LOW","verdict":"WRONG"}}},
               {"business_key":"r7-acct-0002","window_start":"2026-01-01T00:00:20Z","engine":"KAFKA_ONLY","expected":7,
                "stores":{"POSTGRES":{"value":null,"version":null,"confidence":null,"verdict":"MISSING"}}},
               {"business_key":"r7-acct-0003","window_start":"2026-01-01T00:00:30Z","engine":"KAFKA_ONLY","expected":null,
                "stores":{"POSTGRES":{"value":5,"version":1,"confidence":"LOW","verdict":"WRONG"}}}]}""";

    @Test
    void totalsAreATableOfEngineAndStore() throws Exception {
        assertEquals("""
                  ENGINE      STORE     CORRECT  LAGGING  WRONG  MISSING
                  KAFKA_ONLY  POSTGRES       40        0      2        1
                """, VerdictReport.totals(JSON.readTree(VERDICT)));
        assertTrue(VerdictReport.totals(JSON.readTree("{\"totals\":{}}")).contains("no engine"));
    }

    @Test
    void windowsNotCorrectShowExpectedStoredConfidenceAndVerdict() throws Exception {
        assertEquals("""
                  BUSINESS_KEY  WINDOW_START          ENGINE      STORE     EXPECTED  STORED  CONFIDENCE  VERDICT
                  r7-acct-0001  2026-01-01T00:00:10Z  KAFKA_ONLY  POSTGRES       -30     -45  LOW         WRONG
                  r7-acct-0002  2026-01-01T00:00:20Z  KAFKA_ONLY  POSTGRES         7       -  -           MISSING
                  r7-acct-0003  2026-01-01T00:00:30Z  KAFKA_ONLY  POSTGRES         -       5  LOW         WRONG
                """, VerdictReport.notCorrect(JSON.readTree(VERDICT)));
    }

    @Test
    void atMostTwentyWindowsAreListed() throws Exception {
        StringBuilder windows = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            windows.append(i == 0 ? "" : ",").append("""
                    {"business_key":"k%d","window_start":"t","engine":"KAFKA_ONLY","expected":1,
                     "stores":{"POSTGRES":{"value":2,"confidence":"LOW","verdict":"WRONG"}}}""".formatted(i));
        }
        String text = VerdictReport.notCorrect(JSON.readTree("{\"windows\":[" + windows + "]}"));
        assertEquals(1 + 20 + 1, text.lines().count(), text);
        assertTrue(text.endsWith("  ... and 5 more\n"), text);
    }

    @Test
    void summarySampleKeyAndAllCorrect() throws Exception {
        JsonNode verdict = JSON.readTree(VERDICT);
        assertEquals("CORRECT 40, LAGGING 0, WRONG 2, MISSING 1", VerdictReport.summary(verdict));
        assertEquals("r7-acct-0001", VerdictReport.sampleKey(verdict));
        JsonNode allCorrect = JSON.readTree("""
                {"windows":[{"business_key":"a","stores":{"POSTGRES":{"verdict":"CORRECT"}}}]}""");
        assertEquals("a", VerdictReport.sampleKey(allCorrect));
        assertEquals("  every window is CORRECT\n", VerdictReport.notCorrect(allCorrect));
    }
}
