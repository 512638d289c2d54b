package consistency.processing;

import org.apache.flink.api.java.functions.KeySelector;

/** Events are keyed by {@code business_key}, like their Kafka records. */
public class ByBusinessKey implements KeySelector<LabEvent, String> {

    @Override
    public String getKey(LabEvent event) {
        return event.businessKey();
    }
}
