package lab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picks the figures block out of a benchmark's console output: from the line starting with its heading up to
 * the blank line after the "machine:" line (or the end of the output). Fed line by line while the output
 * streams; a heading seen again starts over, so the last complete block wins.
 */
public final class BenchFigures {

    private final String heading;
    private final List<String> block = new ArrayList<>();
    private List<String> done;
    private boolean inBlock;
    private boolean machineSeen;

    public BenchFigures(String heading) {
        this.heading = heading;
    }

    public void accept(String raw) {
        String line = raw.replaceAll("\u001B\\[[;\\d]*m", "");
        String trimmed = line.strip();
        if (trimmed.startsWith(heading)) {
            block.clear();
            block.add(trimmed);
            inBlock = true;
            machineSeen = false;
            return;
        }
        if (!inBlock) {
            return;
        }
        if (trimmed.isEmpty() && machineSeen) {
            finish();
            return;
        }
        block.add(line.stripTrailing());
        machineSeen |= trimmed.startsWith("machine:");
    }

    private void finish() {
        done = List.copyOf(block);
        block.clear();
        inBlock = false;
    }

    /** The last block seen, without its trailing blank line; a block cut off by the end of output counts. */
    public Optional<String> figures() {
        if (inBlock && machineSeen) {
            finish();
        }
        return done == null ? Optional.empty() : Optional.of(String.join("\n", done) + "\n");
    }
}
