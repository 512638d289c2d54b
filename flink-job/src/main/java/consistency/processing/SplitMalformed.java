package consistency.processing;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes parsed events on (with their raw record attached), drops progress marks (they carry only the source's
 * progress, which the source itself turns into watermarks) and sends every record that is neither to the
 * {@link #MALFORMED} side output, with the reason, on its way to the dead-letter topic.
 */
public class SplitMalformed extends ProcessFunction<Incoming, ParsedEvent> {

    public static final OutputTag<DeadLetter> MALFORMED = new OutputTag<>("malformed-events") {
    };

    private transient String incarnation;
    private transient Counter malformed;

    @Override
    public void open(OpenContext openContext) {
        incarnation = Incarnation.of(getRuntimeContext(), null);
        malformed = getRuntimeContext().getMetricGroup().counter("malformedRecords");
    }

    @Override
    public void processElement(Incoming in, Context ctx, Collector<ParsedEvent> out) {
        if (in.isEvent()) {
            out.collect(new ParsedEvent(in.raw(), in.event()));
        } else if (!in.isProgress()) {
            malformed.inc();
            ctx.output(MALFORMED, new DeadLetter(in.raw(), DeadLetter.Kind.MALFORMED, in.error(), incarnation));
        }
    }
}
