package consistency.decision;

/** How far a value can be trusted, from least to most. */
public enum Confidence {
    LOW, EVENTUALLY_CONSISTENT, HIGH;

    public static Confidence lower(Confidence a, Confidence b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
