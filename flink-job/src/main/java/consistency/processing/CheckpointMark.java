package consistency.processing;

/** A checkpoint id and the time the checkpoint was taken (epoch ms). */
public record CheckpointMark(long checkpointId, long timestamp) {
}
