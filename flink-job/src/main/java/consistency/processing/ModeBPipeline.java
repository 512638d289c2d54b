package consistency.processing;

import consistency.wire.WindowResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job's dataflow without its connectors, so tests can feed it from any source and read its outputs:
 *
 * <pre>
 * source (Incoming, watermarks per partition: {@link ProgressWatermarks})
 *   -> {@link SplitMalformed}            --malformed--> dead letters; progress marks end here
 *   -> keyBy(business_key)
 *   -> {@link Deduplicator}              (event_id seen within the dedup TTL: dropped)
 *   -> {@link WindowAggregator}          --too late--> dead letters (late topic)
 *   -> results
 * </pre>
 *
 * Every stateful operator has a fixed uid, so checkpoints and savepoints stay restorable when the job changes.
 */
public final class ModeBPipeline {

    public static final String SOURCE_UID = "lab-events-source";
    public static final String SPLIT_UID = "split-malformed";
    public static final String DEDUP_UID = "deduplicate-events";
    public static final String WINDOWS_UID = "event-time-windows";

    private ModeBPipeline() {
    }

    /** The job's outputs: results for {@code lab.results}, malformed and too-late records for dead-lettering. */
    public record Outputs(DataStream<WindowResult> results, DataStream<DeadLetter> malformed,
                          DataStream<DeadLetter> tooLate) {
    }

    /** Reads {@code source} with the job's watermark rule. */
    public static DataStream<Incoming> read(StreamExecutionEnvironment env, Source<Incoming, ?, ?> source,
                                            JobSettings settings) {
        return env.fromSource(source, watermarks(settings), "lab.events", TypeInformation.of(Incoming.class))
                .uid(SOURCE_UID);
    }

    public static ProgressWatermarks watermarks(JobSettings settings) {
        return new ProgressWatermarks(settings.outOfOrdernessMs(), settings.idleTimeoutMs(), settings.windowSizeMs());
    }

    /** The processing from records with timestamps and watermarks to results and dead letters. */
    public static Outputs process(DataStream<Incoming> incoming, JobSettings settings) {
        SingleOutputStreamOperator<ParsedEvent> events = incoming
                .process(new SplitMalformed(), TypeInformation.of(ParsedEvent.class))
                .name("parse events").uid(SPLIT_UID);

        SingleOutputStreamOperator<ParsedEvent> distinct = events
                .keyBy(new ByBusinessKey(), Types.STRING)
                .process(new Deduplicator(settings.dedupTtlMs()), TypeInformation.of(ParsedEvent.class))
                .name("deduplicate by event_id").uid(DEDUP_UID);

        // The de-duplicated stream is still partitioned by business_key: no second shuffle.
        SingleOutputStreamOperator<WindowResult> results = DataStreamUtils
                .reinterpretAsKeyedStream(distinct, new ByBusinessKey(), Types.STRING)
                .process(new WindowAggregator(settings.windowSizeMs(), settings.allowedLatenessMs(), settings.dedupTtlMs()),
                        TypeInformation.of(WindowResult.class))
                .name("tumbling windows with revisions").uid(WINDOWS_UID);

        return new Outputs(results, events.getSideOutput(SplitMalformed.MALFORMED),
                results.getSideOutput(WindowAggregator.TOO_LATE));
    }
}
