package consistency.api;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** {@link Limits} from {@code lab.limits.*}. */
@Dependent
class LimitsConfig {

    @Produces
    @Singleton
    static Limits limits(@ConfigProperty(name = "lab.limits.time-range") Duration timeRange,
                         @ConfigProperty(name = "lab.limits.horizon-ahead") Duration horizonAhead,
                         @ConfigProperty(name = "lab.limits.max-interval-ms") long maxIntervalMs,
                         @ConfigProperty(name = "lab.limits.max-run-sends") int maxRunSends,
                         @ConfigProperty(name = "lab.limits.max-concurrent-runs") int maxConcurrentRuns,
                         @ConfigProperty(name = "lab.limits.max-sse-subscribers") int maxSseSubscribers,
                         @ConfigProperty(name = "lab.limits.max-page-size") int maxPageSize,
                         @ConfigProperty(name = "lab.limits.max-search-size") int maxSearchSize,
                         @ConfigProperty(name = "lab.limits.max-param-length") int maxParamLength) {
        return new Limits(timeRange, horizonAhead, maxIntervalMs, maxRunSends, maxConcurrentRuns, maxSseSubscribers,
                maxPageSize, maxSearchSize, maxParamLength);
    }
}
