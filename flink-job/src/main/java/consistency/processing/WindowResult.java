package consistency.processing;

/**
 * One emission of a window's result on {@code lab.results} (SPEC §5); see {@link ResultJson} for the wire
 * format. Times are epoch milliseconds. Identity: {@code (FLINK, businessKey, windowStart)}.
 *
 * @param revision           1 for the first emission of the window, +1 for every re-emission; kept in keyed state
 * @param incarnation        the job attempt that emitted it ({@link Incarnation})
 * @param checkpointId       id of the last checkpoint the emitting subtask knows completed, null before the first
 * @param lastCheckpointTime that checkpoint's time (when it was taken), null before the first
 * @param lateUpdate         the emission was caused by a late event (within or beyond allowed lateness)
 * @param droppedLateEvents  events of this window that came later than allowed lateness and were not counted
 * @param emittedAt          processing time of the emission
 */
public record WindowResult(
        String businessKey,
        long windowStart,
        long windowEnd,
        long calculatedValue,
        int eventCount,
        int revision,
        String incarnation,
        Long lastCheckpointTime,
        Long checkpointId,
        boolean lateUpdate,
        int droppedLateEvents,
        long emittedAt,
        String runId) {

    public static final String ENGINE = "FLINK";
}
