package dev.threatkit.cti.search;

import dev.threatkit.cti.schema.StixRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Tests that read the dashboard fixture: an in-memory index loaded once per test class. */
abstract class OverDashboardFixture {
    static LuceneSearchIndex index;

    @BeforeAll
    static void load() {
        index = LuceneSearchIndex.inMemory(StixRegistry.builtIn());
        DashboardFixture.load(index);
    }

    @AfterAll
    static void close() {
        if (index != null) {
            index.close();
            index = null;
        }
    }
}
