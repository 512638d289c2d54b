package consistency.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The wire format of {@code lab.events}, one record value each, UTF-8 JSON:
 * <ul>
 *   <li>an event: the seven fields of the event contract in a fixed order, no {@code type} field:
 *       {@code {"event_id":"e-1","run_id":"r1","business_key":"r1-acct-0001","sequence":1,"amount":-250,
 *       "event_time":"2026-01-01T00:00:01.000Z","produce_time":"2026-01-01T00:00:02.500Z"}};</li>
 *   <li>a progress mark: {@code {"type":"progress","run_id":"r1","event_time":"2026-01-01T00:00:05.000Z"}}.</li>
 * </ul>
 * Instants are written ISO-8601 UTC with milliseconds. A {@code type} other than {@code "progress"}, a missing
 * or mistyped field, a negative {@code sequence}, an {@code amount} beyond {@link #MAX_ABS_AMOUNT}, an instant
 * outside four-digit years, bytes that are not UTF-8 or text that is not one JSON object are a
 * {@link MalformedEventException} naming what is wrong; both engines dead-letter by that one rule, so neither
 * computes on a value its window arithmetic could overflow on.
 */
public final class EventCodec {

    /**
     * Largest magnitude of an {@code amount}: a window counts at most {@link Integer#MAX_VALUE} events (its
     * {@code event_count} is an int), and that many amounts of this size still sum within a long.
     */
    public static final long MAX_ABS_AMOUNT = 1_000_000_000L;

    private static final String TYPE = "type";
    private static final String PROGRESS = "progress";

    private static final DateTimeFormatter INSTANT_MS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private EventCodec() {
    }

    public static String encode(LabEvent event) {
        return JsonFields.write(192, json -> {
            json.writeStringField("event_id", event.eventId());
            json.writeStringField("run_id", event.runId());
            json.writeStringField("business_key", event.businessKey());
            json.writeNumberField("sequence", event.sequence());
            json.writeNumberField("amount", event.amount());
            json.writeStringField("event_time", formatInstant(event.eventTime()));
            json.writeStringField("produce_time", formatInstant(event.produceTime()));
        });
    }

    public static String encode(ProgressMark mark) {
        return JsonFields.write(96, json -> {
            json.writeStringField(TYPE, PROGRESS);
            json.writeStringField("run_id", mark.runId());
            json.writeStringField("event_time", formatInstant(mark.eventTime()));
        });
    }

    /** Parses the raw bytes of one record value: UTF-8, strictly; a bad byte makes the record malformed. */
    public static SourceRecord decode(byte[] value) {
        if (value == null) {
            throw new MalformedEventException("empty record value");
        }
        try {
            return decode(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString());
        } catch (CharacterCodingException e) {
            throw new MalformedEventException("not UTF-8 text");
        }
    }

    /** Parses one record value: an event, or a progress mark when its {@code type} is {@code "progress"}. */
    public static SourceRecord decode(String value) {
        JsonFields fields = JsonFields.parse(value, MalformedEventException::new);
        if (fields.get(TYPE) == null) {
            return new LabEvent(
                    fields.text("event_id"),
                    fields.text("run_id"),
                    fields.text("business_key"),
                    fields.integer("sequence", 0, Long.MAX_VALUE),
                    fields.integer("amount", -MAX_ABS_AMOUNT, MAX_ABS_AMOUNT),
                    fields.instant("event_time"),
                    fields.instant("produce_time"));
        }
        if (!PROGRESS.equals(fields.get(TYPE).textValue())) {
            throw fields.malformed("field type must be \"progress\" (or absent for an event), got " + fields.get(TYPE));
        }
        return new ProgressMark(fields.text("run_id"), fields.instant("event_time"));
    }

    /** ISO-8601 UTC with exactly three fraction digits, as on the wire. */
    public static String formatInstant(Instant instant) {
        return INSTANT_MS.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
