package lab.fault;

import java.io.IOException;
import lab.stack.Daemon;
import lab.stack.LabException;

/** A signal to a component's process on behalf of a fault; a failure to send it is the fault's failure. */
final class Signals {

    private Signals() {
    }

    static void send(String fault, long pid, String signal) {
        try {
            Daemon.signal(pid, signal);
        } catch (IOException e) {
            throw new LabException(fault + ": cannot send SIG" + signal + " to " + pid + ": " + e.getMessage(), e);
        }
    }
}
