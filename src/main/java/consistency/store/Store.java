package consistency.store;

/** Where a window's value is kept: the source of truth, and the two read models CDC feeds from its outbox. */
public enum Store {
    POSTGRES, MONGODB, ELASTICSEARCH
}
