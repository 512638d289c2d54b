package lab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonReportTest {

    @Test
    void nestedObjectsIndentAndFlatRowsBecomeATable() throws Exception {
        String json = """
                {"run_id":"r1","totals":{"KAFKA_ONLY":{"CORRECT":3,"WRONG":0}},"engines":["FLINK","KAFKA_ONLY"],
                 "windows":[{"business_key":"k1","expected":1250},
                            {"business_key":"key-2","expected":-5,"note":"late"}]}""";
        assertEquals("""
                run_id: r1
                totals:
                  KAFKA_ONLY:
                    CORRECT: 3
                    WRONG: 0
                engines: [FLINK, KAFKA_ONLY]
                windows:
                  business_key  expected  note
                  k1            1250
                  key-2         -5        late
                """, JsonReport.render(new ObjectMapper().readTree(json)));
    }

    @Test
    void arraysOfNestedObjectsBecomeItems() throws Exception {
        assertEquals("""
                -
                  a:
                    b: 1
                """, JsonReport.render(new ObjectMapper().readTree("[{\"a\":{\"b\":1}}]")));
    }
}
