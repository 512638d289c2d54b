package lab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCountsTest {

    @TempDir
    Path dir;

    private Path report(String name, String xml) throws IOException {
        return Files.writeString(dir.resolve(name), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml);
    }

    @Test
    void aReportCountsItsRootTestsuite() throws IOException {
        // attributes in surefire's order, across lines; the captured output holds look-alikes that must not count
        Path report = report("TEST-a.ATest.xml", """
                <testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="3.0.2" name="a.ATest"
                    time="1.2" tests="7" errors="1" skipped="2" failures="1">
                  <testcase name="x" classname="a.ATest" time="0.1"><failure message="tests=&quot;99&quot;"/></testcase>
                  <system-out><![CDATA[<testsuite tests="100" failures="50">]]></system-out>
                </testsuite>
                """);
        TestCounts counts = TestCounts.of(report);
        assertEquals(new TestCounts(7, 1, 1, 2), counts);
        assertEquals(2, counts.failed());
        assertEquals(3, counts.passed());
        assertEquals("tests: 3 passed, 2 failed, 2 skipped", counts.line());
    }

    @Test
    void theReportsOfADirectoryWrittenSinceAGivenTimeAddUp() throws IOException {
        report("TEST-a.ATest.xml", "<testsuite tests=\"3\" failures=\"0\" errors=\"0\" skipped=\"1\"/>");
        report("TEST-a.BTest.xml", "<testsuite tests=\"2\" failures=\"1\"/>");
        report("a.ATest.txt", "Tests run: 3");
        Path old = report("TEST-a.OldTest.xml", "<testsuite tests=\"50\"/>");
        long since = System.currentTimeMillis() - 60_000;
        old.toFile().setLastModified(since - 1000);
        assertEquals(new TestCounts(5, 1, 0, 1), TestCounts.in(dir, since));
        assertEquals(List.of(dir.resolve("TEST-a.ATest.xml"), dir.resolve("TEST-a.BTest.xml")), TestCounts.reports(dir, since));
        assertEquals(TestCounts.NONE, TestCounts.in(dir.resolve("missing"), since));
    }

    @Test
    void whatIsNoReportSaysSo() throws IOException {
        assertThrows(IOException.class, () -> TestCounts.of(report("TEST-b.xml", "<html/>")));
        assertThrows(IOException.class, () -> TestCounts.of(report("TEST-c.xml", "<testsuite tests=\"many\"/>")));
        assertThrows(IOException.class, () -> TestCounts.of(report("TEST-d.xml", "<testsuite tests=\"1\"")));
    }
}
