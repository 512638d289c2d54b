package consistency.store;

import io.vertx.pgclient.PgException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

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
        return text == null || (text.indexOf('\0') < 0) ? text : escape(text);
    }

    /** The text of {@code bytes}, or null when they are not UTF-8. */
    public static String utf8(byte[] bytes) {
        try {
            return decoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Bytes that are not UTF-8 as storable text: what decodes stays (escaped as by {@link #storable(String)}), each
     * byte that does not becomes {@code \xNN}.
     */
    public static String storable(byte[] bytes) {
        CharsetDecoder decoder = decoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        StringBuilder text = new StringBuilder(bytes.length + 16);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            text.append(escape(out.flip().toString()));
            out.clear();
            if (result.isUnderflow()) {
                return text.toString();
            }
            for (int i = 0; i < result.length(); i++) {
                text.append("\\x").append(HexFormat.of().toHexDigits(in.get()));
            }
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\0", "\\u0000");
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
