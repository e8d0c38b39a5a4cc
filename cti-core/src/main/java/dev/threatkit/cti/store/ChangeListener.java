package dev.threatkit.cti.store;

/** Receives change events in event-id order, each once, on the store's delivery thread. */
@FunctionalInterface
public interface ChangeListener {
    void onEvent(ChangeEvent event);
}
