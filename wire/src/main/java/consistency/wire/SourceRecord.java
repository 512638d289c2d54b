package consistency.wire;

import java.time.Instant;

/** What one record of {@code lab.events} is: a business event or a progress mark of the source. */
public sealed interface SourceRecord permits LabEvent, ProgressMark {

    /** The generator run that wrote the record. */
    String runId();

    /** The event time of the event, or the event time the source has reached. */
    Instant eventTime();
}
