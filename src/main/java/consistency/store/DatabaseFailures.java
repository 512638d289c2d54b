package consistency.store;

import io.vertx.pgclient.PgException;

/** Which database failures are worth retrying: those of the connection or the moment, not of the data. */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /**
     * An error PostgreSQL reports is transient only in the SQLSTATE classes of connections (08), transaction
     * rollbacks such as serialization failures and deadlocks (40), insufficient resources (53), operator
     * intervention such as a shutdown (57) and system errors (58). Any other (a value it cannot store, a constraint)
     * fails again on every retry. A failure without an SQLSTATE (connection lost, pool timeout) is transient.
     */
    public static boolean isTransient(Throwable failure) {
        if (failure instanceof PgException pg) {
            String state = pg.getSqlState();
            return state != null && switch (state.substring(0, Math.min(2, state.length()))) {
                case "08", "40", "53", "57", "58" -> true;
                default -> false;
            };
        }
        return true;
    }

    /**
     * Text PostgreSQL can hold: it refuses NUL in {@code text}, so NUL becomes the six characters backslash, u, 0000
     * (a backslash is escaped first, so the result reads back unambiguously).
     */
    public static String storable(String text) {
        return text == null || (text.indexOf('\0') < 0) ? text : text.replace("\\", "\\\\").replace("\0", "\\u0000");
    }
}
