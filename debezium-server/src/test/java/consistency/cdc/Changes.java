package consistency.cdc;

/** Debezium change values on {@code public.outbox} as the JSON converter without schemas writes them. */
final class Changes {

    private Changes() {
    }

    static String insert(String aggregateId, long version, long tsMs) {
        return insert(aggregateId, version, tsMs, 100 + version);
    }

    static String insert(String aggregateId, long version, long tsMs, long value) {
        String payload = "{\"aggregate_id\":\"" + aggregateId + "\",\"business_key\":\"k1\","
                + "\"window_start\":\"2026-01-01T00:00:00Z\",\"window_end\":\"2026-01-01T00:01:00Z\","
                + "\"calculated_value\":" + value + ",\"confidence_level\":\"HIGH\",\"processing_engine\":\"FLINK\","
                + "\"updated_at\":\"2026-01-01T00:01:05Z\",\"version\":" + version + ",\"decision\":\"APPLIED\"}";
        return "{\"before\":null,\"after\":{\"id\":" + (1000 + version) + ",\"aggregate_id\":\"" + aggregateId
                + "\",\"version\":" + version + ",\"payload\":" + quote(payload)
                + ",\"created_at\":\"2026-01-01T00:01:05.123456Z\"},"
                + "\"source\":{\"version\":\"3.2.1.Final\",\"connector\":\"postgresql\",\"name\":\"lab\",\"ts_ms\":" + tsMs
                + ",\"db\":\"lab\",\"schema\":\"public\",\"table\":\"outbox\",\"lsn\":123},"
                + "\"op\":\"c\",\"ts_ms\":" + (tsMs + 7) + "}";
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static OutboxChange change(String value) {
        return ((ParseResult.Change) new OutboxChangeParser().parse(value)).change();
    }
}
