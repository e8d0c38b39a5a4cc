package dev.threatkit.cti.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.store.Caller;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Full-text search over ATT&CK Enterprise 18.1: what analysts type finds the right object first. */
class AttackSearchTest {
    private static LuceneSearchIndex index;

    @BeforeAll
    static void load() {
        index = AttackIndex.get();
    }

    private static List<SearchHit> top(String text, int n) {
        return index.search(SearchRequest.text(text).limit(n).build(), Caller.ADMIN)
                .hits();
    }

    @Test
    void aTechniqueIsFoundByItsWords() {
        List<SearchHit> hits = top("credential dumping", 5);
        assertThat(hits.get(0).name()).isEqualTo("OS Credential Dumping");
    }

    @Test
    void aSubTechniqueIsFoundByItsAttackId() {
        List<SearchHit> hits = top("T1059.001", 5);
        assertThat(hits.get(0).name()).isEqualTo("PowerShell");
        assertThat(hits.get(0).type()).isEqualTo("attack-pattern");
    }

    @Test
    void aGroupIsFoundByNameAndByAlias() {
        List<SearchHit> byName = top("APT29", 5);
        assertThat(byName.get(0).type()).isEqualTo("intrusion-set");
        assertThat(byName.get(0).name()).isEqualTo("APT29");
        List<SearchHit> byAlias = top("Cozy Bear", 5);
        assertThat(byAlias.get(0).name()).isEqualTo("APT29");
        assertThat(top("G0016", 3).get(0).name()).isEqualTo("APT29");
    }
}
