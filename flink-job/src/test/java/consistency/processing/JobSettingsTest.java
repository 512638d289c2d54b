package consistency.processing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobSettingsTest {

    @Test
    void everyParameterHasTheDocumentedDefault() {
        JobSettings s = JobSettings.fromArgs();
        assertThat(s.bootstrap()).isEqualTo("127.0.0.1:19092");
        assertThat(s.eventsTopic()).isEqualTo("lab.events");
        assertThat(s.resultsTopic()).isEqualTo("lab.results");
        assertThat(s.dlqTopic()).isEqualTo("lab.events.dlq");
        assertThat(s.lateTopic()).as("too-late events go to the dead-letter topic by default").isEqualTo("lab.events.dlq");
        assertThat(s.groupId()).isEqualTo("lab-mode-b");
        assertThat(s.windowSizeMs()).isEqualTo(10_000);
        assertThat(s.outOfOrdernessMs()).isEqualTo(3_000);
        assertThat(s.allowedLatenessMs()).isEqualTo(45_000);
        assertThat(s.idleTimeoutMs()).as("no quiet-partition fallback: windows close on progress marks").isZero();
        assertThat(s.dedupTtlMs()).isEqualTo(600_000);
        assertThat(s.checkpointIntervalMs()).isEqualTo(5_000);
        assertThat(s.checkpointTimeoutMs()).isEqualTo(30_000);
        assertThat(s.checkpointDir()).isNull();
        assertThat(s.transactionalIdPrefix()).isEqualTo("lab-mode-b");
        assertThat(s.transactionTimeoutMs()).isEqualTo(60_000);
        assertThat(s.parallelism()).isEqualTo(2);
    }

    @Test
    void argumentsOverrideDefaults() {
        JobSettings s = JobSettings.fromArgs("--bootstrap", "127.0.0.1:29092", "--window-size-ms", "5000",
                "--late-topic", "lab.events.late", "--checkpoint-dir", "file:///tmp/cp", "--parallelism", "4");
        assertThat(s.bootstrap()).isEqualTo("127.0.0.1:29092");
        assertThat(s.windowSizeMs()).isEqualTo(5_000);
        assertThat(s.lateTopic()).isEqualTo("lab.events.late");
        assertThat(s.checkpointDir()).isEqualTo("file:///tmp/cp");
        assertThat(s.parallelism()).isEqualTo(4);
        assertThat(s.allowedLatenessMs()).isEqualTo(45_000);
    }

    @Test
    void rejectsUnknownMissingAndInvalidValues() {
        assertThatThrownBy(() -> JobSettings.fromArgs("--window-size", "5000"))
                .hasMessageContaining("unknown parameter(s) [window-size]");
        assertThatThrownBy(() -> JobSettings.fromArgs("--checkpoint-dir"))
                .hasMessageContaining("--checkpoint-dir needs a value");
        assertThatThrownBy(() -> JobSettings.fromArgs("--window-size-ms", "ten"))
                .hasMessageContaining("--window-size-ms must be an integer");
        assertThatThrownBy(() -> JobSettings.fromArgs("--idle-timeout-ms", "-1"))
                .hasMessageContaining("idle-timeout-ms must not be negative");
        assertThatThrownBy(() -> JobSettings.fromArgs("--out-of-orderness-ms", "10001"))
                .hasMessageContaining("out-of-orderness-ms must not exceed window-size-ms");
        assertThatThrownBy(() -> JobSettings.fromArgs("--transaction-timeout-ms", "20000"))
                .hasMessageContaining("transaction-timeout-ms must exceed checkpoint-timeout-ms");
    }
}
