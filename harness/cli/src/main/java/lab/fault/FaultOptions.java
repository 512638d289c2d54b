package lab.fault;

import java.util.Map;

/**
 * What follows a fault's name: its argument when it takes one (e.g. cdc-pause's mongodb|elasticsearch|both),
 * then its options, each a flag or a flag with a value (e.g. --for 10s); ./lab parses them against what the fault
 * declares.
 */
public record FaultOptions(String argument, Map<String, String> values) {

    public static final FaultOptions NONE = new FaultOptions(null, Map.of());

    public boolean has(String flag) {
        return values.containsKey(flag);
    }

    public String value(String flag) {
        return values.get(flag);
    }
}
