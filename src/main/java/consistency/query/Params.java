package consistency.query;

import consistency.api.InvalidRequestException;
import consistency.api.Limits;
import consistency.contract.ContractAnswer;
import consistency.decision.Confidence;
import consistency.wire.WindowResult.Engine;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/** Parsing of query parameters into the contract's types, with a 400 that names the accepted values. */
final class Params {

    private Params() {
    }

    static Engine engine(String value) {
        return enumValue(Engine.class, "engine", value);
    }

    static Confidence confidence(String value) {
        return enumValue(Confidence.class, "confidence", value);
    }

    static ContractAnswer.Scope scope(String value) {
        return enumValue(ContractAnswer.Scope.class, "scope", value);
    }

    /** An ISO-8601 instant within the time range of now: no window lies beyond it, and stores may refuse such years. */
    static Instant instant(String name, String value, Limits limits) {
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be an ISO-8601 instant such as 2026-01-01T00:00:10Z, got " + value);
        }
        limits.farFromNow(name, instant, Instant.now()).ifPresent(reason -> {
            throw invalid(reason);
        });
        return instant;
    }

    /** An optional whole number of at least {@code min}; null when absent. */
    static Long optionalLong(String name, String value, long min) {
        if (value == null) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name + " must be a whole number of at least " + min + ", got " + value);
    }

    static void range(String name, int value, int min, int max) {
        Limits.outOfRange(name, value, min, max).ifPresent(reason -> {
            throw invalid(reason);
        });
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw invalid(name + " must be one of " + Arrays.toString(type.getEnumConstants()) + ", got " + value);
        }
    }

    static InvalidRequestException invalid(String detail) {
        return new InvalidRequestException("invalid parameter", List.of(detail));
    }
}
