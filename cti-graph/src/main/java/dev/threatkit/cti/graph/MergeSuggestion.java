package dev.threatkit.cti.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Two stored objects that look like one thing (same standard id or a shared alias) but that the identity
 * rules kept apart because their own source keeps them apart. An analyst decides; {@code Cti.merge} merges.
 *
 * @param ids the stored ids, in storage order
 * @param names their names (an element is null for an object with neither name nor value)
 * @param reason what they share and why they were not merged
 */
public record MergeSuggestion(List<String> ids, List<String> names, String reason) {
    public MergeSuggestion {
        ids = List.copyOf(ids);
        names = Collections.unmodifiableList(new ArrayList<>(names)); // List.copyOf refuses nulls
    }
}
