package consistency.processing;

import consistency.wire.WindowResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mode B: {@code lab.events} -> Flink (de-duplication, event-time windows with revisions, checkpoints) ->
 * {@code lab.results} through an exactly-once Kafka sink. Parameters: {@link JobSettings}.
 */
public final class ModeBJob {

    public static final String JOB_NAME = "lab-mode-b";
    /** Fixed so state keeps its key groups when the parallelism changes; changing it breaks restores. */
    public static final int MAX_PARALLELISM = 128;

    private static final Logger LOG = LoggerFactory.getLogger(ModeBJob.class);

    private ModeBJob() {
    }

    public static void main(String[] args) throws Exception {
        JobSettings settings = JobSettings.fromArgs(args);
        LOG.info("Starting {} with {}", JOB_NAME, settings);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env, settings);
        env.execute(JOB_NAME);
    }

    /** Configures {@code env} and adds the whole job, Kafka source and sinks included. */
    public static void build(StreamExecutionEnvironment env, JobSettings settings) {
        configure(env, settings);
        DataStream<Incoming> incoming = ModeBPipeline.read(env, kafkaSource(settings), settings);
        ModeBPipeline.Outputs outputs = ModeBPipeline.process(incoming, settings);
        outputs.results().sinkTo(resultsSink(settings)).name("lab.results (exactly once)").uid("results-sink");
        outputs.malformed().sinkTo(deadLetterSink(settings, settings.dlqTopic()))
                .name("dead letters: malformed").uid("malformed-sink");
        outputs.tooLate().sinkTo(deadLetterSink(settings, settings.lateTopic()))
                .name("dead letters: too late").uid("too-late-sink");
    }

    /**
     * Parallelism, exactly-once checkpoints every {@code checkpoint-interval-ms}, retained when the job is
     * cancelled (so {@code ./lab up} can resume from them), in {@code checkpoint-dir} when given. Kryo is
     * disabled: every type the job moves or keeps has a Flink serializer.
     */
    public static void configure(StreamExecutionEnvironment env, JobSettings settings) {
        env.setParallelism(settings.parallelism());
        env.setMaxParallelism(MAX_PARALLELISM);
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        if (settings.checkpointDir() != null) {
            config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, settings.checkpointDir());
        }
        env.configure(config);
        env.enableCheckpointing(settings.checkpointIntervalMs(), CheckpointingMode.EXACTLY_ONCE);
        CheckpointConfig checkpoints = env.getCheckpointConfig();
        checkpoints.setCheckpointTimeout(settings.checkpointTimeoutMs());
        checkpoints.setExternalizedCheckpointRetention(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    }

    /**
     * Reads the events topic as group {@code group-id}: from the group's committed offsets, or the earliest on
     * the first start. Offsets are committed to Kafka on checkpoint completion for visibility only; a restore
     * resumes from the offsets in the checkpoint.
     */
    @SuppressWarnings("deprecation") // OffsetResetStrategy is what this connector version takes
    public static KafkaSource<Incoming> kafkaSource(JobSettings settings) {
        return KafkaSource.<Incoming>builder()
                .setBootstrapServers(settings.bootstrap())
                .setTopics(settings.eventsTopic())
                .setGroupId(settings.groupId())
                .setClientIdPrefix(settings.groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new EventDeserializer())
                .setProperty("partition.discovery.interval.ms", "30000")
                .build();
    }

    /**
     * Results through Kafka transactions committed with each checkpoint: a {@code read_committed} consumer sees
     * every result exactly once, no earlier than the checkpoint that covers it. The transaction timeout must stay
     * below the broker's {@code transaction.max.timeout.ms}.
     */
    public static KafkaSink<WindowResult> resultsSink(JobSettings settings) {
        return KafkaSink.<WindowResult>builder()
                .setBootstrapServers(settings.bootstrap())
                .setRecordSerializer(new ResultSerializer(settings.resultsTopic()))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(settings.transactionalIdPrefix())
                .setProperty("transaction.timeout.ms", Long.toString(settings.transactionTimeoutMs()))
                .setProperty("acks", "all")
                .build();
    }

    /** Dead letters at least once: a restart may write one twice, never loses one. */
    public static KafkaSink<DeadLetter> deadLetterSink(JobSettings settings, String topic) {
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(settings.bootstrap())
                .setRecordSerializer(new DeadLetterSerializer(topic))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setProperty("acks", "all")
                .build();
    }
}
