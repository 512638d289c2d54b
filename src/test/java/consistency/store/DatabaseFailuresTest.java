package consistency.store;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseFailuresTest {

    private static PgException pg(String sqlState) {
        return new PgException("failed", "ERROR", sqlState, "detail");
    }

    @Test
    void connectionAndTransactionFailuresAreRetried() {
        assertThat(DatabaseFailures.isTransient(pg("08006"))).isTrue();
        assertThat(DatabaseFailures.isTransient(pg("40001"))).isTrue();
        assertThat(DatabaseFailures.isTransient(pg("40P01"))).isTrue();
        assertThat(DatabaseFailures.isTransient(pg("57P01"))).isTrue();
        assertThat(DatabaseFailures.isTransient(new VertxException("Connection closed", true))).isTrue();
    }

    @Test
    void failuresOfTheDataAreNot() {
        assertThat(DatabaseFailures.isTransient(pg("22021"))).isFalse(); // invalid byte sequence (NUL)
        assertThat(DatabaseFailures.isTransient(pg("22P05"))).isFalse(); // untranslatable character
        assertThat(DatabaseFailures.isTransient(pg("23505"))).isFalse();
        assertThat(DatabaseFailures.isTransient(pg("42703"))).isFalse();
    }

    @Test
    void nulBecomesStorableAndReadsBackUnambiguously() {
        assertThat(DatabaseFailures.storable("a\0b")).isEqualTo("a\\u0000b");
        assertThat(DatabaseFailures.storable("a\\u0000\0")).isEqualTo("a\\\\u0000\\u0000");
        assertThat(DatabaseFailures.storable("plain \\ text")).isEqualTo("plain \\ text");
        assertThat(DatabaseFailures.storable((String) null)).isNull();
    }

    @Test
    void bytesThatAreNotUtf8AreEscapedByteByByte() {
        byte[] bytes = {'{', (byte) 0xff, 'a', 0, '\\', (byte) 0xc3, (byte) 0xa4, (byte) 0xc3};
        assertThat(DatabaseFailures.utf8(bytes)).isNull();
        assertThat(DatabaseFailures.storable(bytes)).isEqualTo("{\\xffa\\u0000\\\\\u00e4\\xc3");
        assertThat(DatabaseFailures.utf8("{\"a\":\"\u00e4\"}".getBytes(StandardCharsets.UTF_8))).isEqualTo("{\"a\":\"\u00e4\"}");
        assertThat(DatabaseFailures.storable(new byte[0])).isEmpty();
    }
}
