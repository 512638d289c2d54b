package lab.stack;

/** Polling pause that keeps the interrupt flag instead of forcing callers to handle it. */
public final class Sleep {
    private Sleep() {
    }

    public static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        }
    }

    /** Sleeps until System.nanoTime() reaches {@code deadline}; returns at once when it already has. */
    public static void nanosUntil(long deadline) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
            millis(Math.max(1, left / 1_000_000));
        }
    }
}
