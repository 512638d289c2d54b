package consistency.processing;

import org.apache.flink.api.java.functions.KeySelector;

/** Events are keyed by {@code business_key}, like their Kafka records. */
public class ByBusinessKey implements KeySelector<ParsedEvent, String> {

    @Override
    public String getKey(ParsedEvent parsed) {
        return parsed.event().businessKey();
    }
}
