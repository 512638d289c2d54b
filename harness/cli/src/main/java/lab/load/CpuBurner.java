package lab.load;

import java.io.IOException;

/**
 * Keeps every core busy: one spinning thread per available processor, until its standard input closes. The lab
 * holds that input open while the load should run, so the burner also ends when the lab dies without cleaning up.
 */
public final class CpuBurner {

    private CpuBurner() {
    }

    public static void main(String[] args) throws IOException {
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            Thread spin = new Thread(CpuBurner::spin, "burn-" + i);
            spin.setDaemon(true);
            spin.start();
        }
        while (System.in.read() != -1) {
            // input is only a lifeline: nothing is ever sent on it
        }
        System.exit(0);
    }

    // Math on a volatile keeps the JIT from removing the loop.
    private static volatile long sink;

    private static void spin() {
        long x = 1;
        while (true) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            sink = x;
        }
    }
}
