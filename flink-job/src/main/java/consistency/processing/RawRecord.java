package consistency.processing;

/**
 * A record exactly as it was read from Kafka: where it came from and its bytes, untouched. Kept beside a parsed
 * event so that a record the job cannot use reaches the dead-letter topic byte for byte.
 *
 * @param key   the record key, null when the record had none
 * @param value the record value, null for a tombstone
 */
public record RawRecord(String topic, int partition, long offset, byte[] key, byte[] value) {
}
