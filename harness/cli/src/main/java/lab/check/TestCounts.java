package lab.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Test counts from the JUnit XML reports surefire and failsafe write, one TEST-*.xml per test class: the attributes
 * of its root testsuite element, read with the JDK's XML parser (StAX, so a report's captured output is not read).
 */
public record TestCounts(int tests, int failures, int errors, int skipped) {

    public static final TestCounts NONE = new TestCounts(0, 0, 0, 0);

    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        // reports come from the build, still: no DTDs, no external entities
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    /** Failed or in error. */
    public int failed() {
        return failures + errors;
    }

    public int passed() {
        return tests - failed() - skipped;
    }

    public TestCounts plus(TestCounts other) {
        return new TestCounts(tests + other.tests, failures + other.failures, errors + other.errors,
                skipped + other.skipped);
    }

    /** "tests: N passed, N failed, N skipped", the closing line of `lab test`. */
    public String line() {
        return "tests: " + passed() + " passed, " + failed() + " failed, " + skipped + " skipped";
    }

    /** The counts of one report. */
    public static TestCounts of(Path report) throws IOException {
        try (InputStream in = Files.newInputStream(report)) {
            XMLStreamReader xml = XML.createXMLStreamReader(in);
            try {
                xml.nextTag();
                if (!xml.getLocalName().equals("testsuite")) {
                    throw new IOException(report + ": not a JUnit report (root element " + xml.getLocalName() + ")");
                }
                return new TestCounts(count(xml, "tests"), count(xml, "failures"), count(xml, "errors"),
                        count(xml, "skipped"));
            } finally {
                xml.close();
            }
        } catch (XMLStreamException | NumberFormatException e) {
            throw new IOException(report + ": not a JUnit report: " + e.getMessage(), e);
        }
    }

    /** The sum over the reports in dir (none when it does not exist) written at or after sinceMillis. */
    public static TestCounts in(Path dir, long sinceMillis) throws IOException {
        TestCounts sum = NONE;
        for (Path report : reports(dir, sinceMillis)) {
            sum = sum.plus(of(report));
        }
        return sum;
    }

    /** The reports in dir written at or after sinceMillis. */
    static List<Path> reports(Path dir, long sinceMillis) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml"))
                    .filter(p -> p.toFile().lastModified() >= sinceMillis)
                    .sorted()
                    .toList();
        }
    }

    private static int count(XMLStreamReader xml, String attribute) {
        String value = xml.getAttributeValue(null, attribute);
        return value == null ? 0 : Integer.parseInt(value.trim());
    }
}
