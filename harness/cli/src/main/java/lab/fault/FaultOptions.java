package lab.fault;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.stack.LabException;

/**
 * What follows a fault's name: its argument when it takes one (e.g. cdc-pause's mongodb|elasticsearch|both),
 * then its options, each a flag or a flag with a value (e.g. --for 10s).
 */
public record FaultOptions(String argument, Map<String, String> values) {

    public static final FaultOptions NONE = new FaultOptions(null, Map.of());

    public boolean has(String flag) {
        return values.containsKey(flag);
    }

    public String value(String flag) {
        return values.get(flag);
    }

    /**
     * Parses args against what fault declares: {@link Fault#arguments()} and {@link Fault#options()}, whose keys
     * are a flag or "flag VALUE".
     */
    public static FaultOptions parse(Fault fault, List<String> args) {
        String argument = null;
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-")) {
                if (argument != null || !fault.arguments().contains(arg)) {
                    throw new LabException(fault.name() + " takes no argument '" + arg + "'"
                            + (fault.arguments().isEmpty() ? "" : " (it takes one of " + String.join(", ", fault.arguments()) + ")"));
                }
                argument = arg;
                continue;
            }
            String declared = fault.options().keySet().stream()
                    .filter(key -> key.split(" ")[0].equals(arg)).findFirst()
                    .orElseThrow(() -> new LabException(fault.name() + " takes no option " + arg
                            + (fault.options().isEmpty() ? "" : " (it takes " + String.join(", ", fault.options().keySet()) + ")")));
            if (declared.contains(" ")) {
                if (i + 1 >= args.size()) {
                    throw new LabException(fault.name() + ": " + arg + " needs a value (" + declared + ")");
                }
                values.put(arg, args.get(++i));
            } else {
                values.put(arg, "");
            }
        }
        return new FaultOptions(argument, Map.copyOf(values));
    }
}
