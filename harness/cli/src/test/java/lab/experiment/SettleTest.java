package lab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SettleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A verdict of one engine and store with the given counts, and one window per non-zero MISSING. */
    private static JsonNode verdict(int correct, int wrong, int missing) throws Exception {
        StringBuilder windows = new StringBuilder();
        for (int i = 0; i < missing; i++) {
            windows.append(i == 0 ? "" : ",").append("""
                    {"business_key":"k%d","stores":{"POSTGRES":{"value":null,"verdict":"MISSING"}}}""".formatted(i));
        }
        return JSON.readTree("""
                {"run_id":"r","totals":{"KAFKA_ONLY":{"POSTGRES":{"CORRECT":%d,"LAGGING":0,"WRONG":%d,"MISSING":%d}}},
                 "windows":[%s]}""".formatted(correct, wrong, missing, windows));
    }

    @Test
    void settlesOnceNothingIsMissingAndTotalsHeldForFiveSeconds() throws Exception {
        Settle settle = new Settle(0);
        assertFalse(settle.settled(0, verdict(10, 0, 2)));
        assertTrue(settle.changedAt(0));
        assertFalse(settle.settled(1000, verdict(12, 0, 0)), "totals just changed");
        assertTrue(settle.changedAt(1000));
        assertFalse(settle.settled(5999, verdict(12, 0, 0)));
        assertFalse(settle.changedAt(5999));
        assertTrue(settle.settled(6000, verdict(12, 0, 0)));
    }

    @Test
    void aChangeRestartsTheQuietPeriod() throws Exception {
        Settle settle = new Settle(0);
        settle.settled(0, verdict(12, 0, 0));
        assertFalse(settle.settled(4000, verdict(11, 1, 0)), "a late update turned a window WRONG");
        assertFalse(settle.settled(8999, verdict(11, 1, 0)));
        assertTrue(settle.settled(9000, verdict(11, 1, 0)), "WRONG windows do not block settling");
    }

    @Test
    void missingWindowsNeverSettleAndTheLimitEndsTheWait() throws Exception {
        Settle settle = new Settle(1000);
        settle.settled(1000, verdict(10, 0, 2));
        assertFalse(settle.settled(100_000, verdict(10, 0, 2)), "stable totals, but windows still missing");
        assertFalse(settle.expired(120_999));
        assertTrue(settle.expired(121_000));
    }

    @Test
    void pendingCountsWindowsMissingOrLaggingInAnyStore() throws Exception {
        assertEquals(2, Settle.pending(verdict(1, 0, 2)));
        assertEquals(2, Settle.pending(JSON.readTree("""
                {"windows":[{"stores":{"POSTGRES":{"verdict":"CORRECT"},"MONGODB":{"verdict":"MISSING"}}},
                            {"stores":{"POSTGRES":{"verdict":"CORRECT"},"ELASTICSEARCH":{"verdict":"LAGGING"}}},
                            {"stores":{"POSTGRES":{"verdict":"CORRECT"},"MONGODB":{"verdict":"CORRECT"}}}]}""")));
        assertEquals(0, Settle.pending(JSON.readTree("{}")));
    }
}
