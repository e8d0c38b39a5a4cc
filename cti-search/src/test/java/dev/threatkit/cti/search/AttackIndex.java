package dev.threatkit.cti.search;

import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.testing.SharedData;
import java.nio.file.Path;

/**
 * ATT&CK Enterprise 18.1 indexed once per test JVM and shared by the test classes that only read it: feeding
 * 24,771 objects is the slow part of those tests. Left open; it lives in memory and goes with the JVM.
 */
final class AttackIndex {
    private static LuceneSearchIndex index;

    private AttackIndex() {}

    static Path bundle() {
        return SharedData.file("mitre-attack-enterprise/enterprise-attack-18.1.stix21.json.gz");
    }

    static synchronized LuceneSearchIndex get() {
        if (index == null) {
            LuceneSearchIndex fresh = LuceneSearchIndex.inMemory(StixRegistry.builtIn());
            Feed feed = new Feed(fresh);
            feed.file(bundle());
            feed.sync();
            index = fresh;
        }
        return index;
    }
}
