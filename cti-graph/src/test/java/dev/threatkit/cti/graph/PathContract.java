package dev.threatkit.cti.graph;

import static dev.threatkit.cti.graph.Fixtures.TLP_RED;
import static dev.threatkit.cti.graph.Fixtures.load;
import static dev.threatkit.cti.graph.Fixtures.malware;
import static dev.threatkit.cti.graph.Fixtures.relationship;
import static dev.threatkit.cti.graph.Fixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threatkit.cti.store.Caller;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shortest paths between two objects, and pivots from an entity to those sharing something with it. */
interface PathContract extends StoreContract {
    String WHEN = "2021-01-01T00:00:00.000Z";
    Caller NO_RED = Caller.of(Set.of(), 100);
    String RED = "'object_marking_refs':['" + TLP_RED + "']";

    private static String m(int i) {
        return "malware--" + uuid(i);
    }

    private static String r(int i) {
        return "relationship--" + uuid(i);
    }

    private static String node(int i, String extra) {
        return malware(m(i), "M" + i, null, WHEN, extra);
    }

    private static String rel(int id, String type, int from, int to) {
        return relationship(r(id), type, m(from), m(to), null);
    }

    private static List<List<String>> paths(Cti cti, int from, int to, int maxHops, Set<String> types) {
        return cti.paths(m(from), m(to), maxHops, types, false, Caller.ADMIN).orElseThrow();
    }

    @Test
    default void everyShortestPathComesInIdOrderWhicheverWayTheRelationshipsPoint(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            load(
                    cti,
                    node(1, null),
                    node(2, null),
                    node(3, null),
                    node(4, null),
                    node(5, null),
                    node(6, null),
                    rel(12, "variant-of", 1, 2),
                    rel(120, "related-to", 1, 2), // a second relationship between the same two
                    rel(24, "drops", 2, 4),
                    rel(31, "drops", 3, 1), // pointing back at the start
                    rel(43, "variant-of", 4, 3),
                    rel(15, "drops", 1, 5), // a longer way round: 1 - 5 - 6 - 4
                    rel(56, "drops", 5, 6),
                    rel(64, "drops", 6, 4));
            assertThat(paths(cti, 1, 4, 4, Set.of()))
                    .containsExactly(
                            List.of(m(1), r(12), m(2), r(24), m(4)),
                            List.of(m(1), r(31), m(3), r(43), m(4)),
                            List.of(m(1), r(120), m(2), r(24), m(4)));
            assertThat(paths(cti, 4, 1, 4, Set.of()))
                    .containsExactly(
                            List.of(m(4), r(24), m(2), r(12), m(1)),
                            List.of(m(4), r(24), m(2), r(120), m(1)),
                            List.of(m(4), r(43), m(3), r(31), m(1)));
            assertThat(paths(cti, 1, 2, 4, Set.of()))
                    .containsExactly(List.of(m(1), r(12), m(2)), List.of(m(1), r(120), m(2)));
        }
    }

    @Test
    default void pathsAreBoundedByMaxHopsAndAnObjectIsItsOwnPath(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            load(
                    cti,
                    node(1, null),
                    node(2, null),
                    node(3, null),
                    node(4, null),
                    node(5, null),
                    node(9, null),
                    rel(12, "variant-of", 1, 2),
                    rel(23, "variant-of", 2, 3),
                    rel(34, "variant-of", 3, 4),
                    rel(45, "variant-of", 4, 5));
            assertThat(paths(cti, 1, 5, 4, Set.of()))
                    .containsExactly(List.of(m(1), r(12), m(2), r(23), m(3), r(34), m(4), r(45), m(5)));
            assertThat(paths(cti, 1, 5, 3, Set.of())).isEmpty();
            assertThat(paths(cti, 2, 4, 2, Set.of())).hasSize(1);
            assertThat(paths(cti, 1, 9, 8, Set.of())).isEmpty();
            assertThat(paths(cti, 3, 3, 1, Set.of())).containsExactly(List.of(m(3)));
            assertThat(cti.paths(m(1), m(99), 4, Set.of(), false, Caller.ADMIN)).isEmpty();
            assertThat(cti.paths(m(99), m(1), 4, Set.of(), false, Caller.ADMIN)).isEmpty();
            assertThatThrownBy(() -> cti.paths(m(1), m(2), 0, Set.of(), false, Caller.ADMIN))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cti.paths(m(1), m(2), 9, Set.of(), false, Caller.ADMIN))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    default void onlyTheChosenRelationshipTypesAreFollowed(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            load(
                    cti,
                    node(1, null),
                    node(2, null),
                    node(3, null),
                    node(4, null),
                    node(5, null),
                    rel(12, "variant-of", 1, 2),
                    rel(23, "variant-of", 2, 3),
                    rel(34, "variant-of", 3, 4),
                    rel(15, "drops", 1, 5),
                    rel(54, "related-to", 5, 4));
            assertThat(paths(cti, 1, 4, 4, Set.of())).containsExactly(List.of(m(1), r(15), m(5), r(54), m(4)));
            assertThat(paths(cti, 1, 4, 4, Set.of("variant-of")))
                    .containsExactly(List.of(m(1), r(12), m(2), r(23), m(3), r(34), m(4)));
            assertThat(paths(cti, 1, 4, 4, Set.of("drops", "related-to"))).hasSize(1);
            assertThat(paths(cti, 1, 4, 4, Set.of("drops"))).isEmpty();
        }
    }

    @Test
    default void hiddenObjectsAreNeverCrossedAndRevokedOnesOnlyWithAll(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            load(
                    cti,
                    node(1, null),
                    node(2, RED),
                    node(3, null),
                    node(4, null),
                    node(5, null),
                    node(6, "'revoked':true"),
                    node(7, null),
                    rel(12, "drops", 1, 2), // 1 - 2 (hidden) - 4
                    rel(24, "drops", 2, 4),
                    rel(13, "drops", 1, 3), // 1 - 3 - 5 - 4
                    rel(35, "drops", 3, 5),
                    rel(54, "drops", 5, 4),
                    rel(16, "drops", 1, 6), // 1 - 6 (revoked) - 7
                    rel(67, "drops", 6, 7),
                    relationship(r(17), "drops", m(1), m(7), "'x_mitre_deprecated':true"),
                    relationship(r(34), "drops", m(3), m(4), RED)); // a hidden shortcut
            assertThat(paths(cti, 1, 4, 4, Set.of()))
                    .containsExactly(List.of(m(1), r(12), m(2), r(24), m(4)), List.of(m(1), r(13), m(3), r(34), m(4)));
            assertThat(cti.paths(m(1), m(4), 4, Set.of(), false, NO_RED).orElseThrow())
                    .containsExactly(List.of(m(1), r(13), m(3), r(35), m(5), r(54), m(4)));
            assertThat(cti.paths(m(1), m(2), 4, Set.of(), false, NO_RED)).isEmpty();

            assertThat(paths(cti, 1, 7, 4, Set.of())).isEmpty();
            assertThat(cti.paths(m(1), m(7), 4, Set.of(), true, Caller.ADMIN).orElseThrow())
                    .containsExactly(List.of(m(1), r(17), m(7)));
            // The ends are taken as named, revoked or not.
            assertThat(paths(cti, 1, 6, 4, Set.of())).containsExactly(List.of(m(1), r(16), m(6)));
        }
    }

    @Test
    default void cyclesSelfLoopsAndParallelRelationshipsEndInTheShortestPathsOnly(@TempDir Path dir) {
        try (Cti cti = open(dir)) {
            load(
                    cti,
                    node(1, null),
                    node(2, null),
                    node(3, null),
                    node(4, null),
                    rel(12, "variant-of", 1, 2),
                    rel(23, "variant-of", 2, 3),
                    rel(34, "variant-of", 3, 4),
                    rel(41, "variant-of", 4, 1),
                    rel(11, "variant-of", 1, 1),
                    rel(22, "related-to", 2, 2),
                    rel(21, "related-to", 2, 1));
            assertThat(paths(cti, 1, 3, 8, Set.of()))
                    .containsExactly(
                            List.of(m(1), r(12), m(2), r(23), m(3)),
                            List.of(m(1), r(21), m(2), r(23), m(3)),
                            List.of(m(1), r(41), m(4), r(34), m(3)));
            assertThat(paths(cti, 1, 2, 8, Set.of()))
                    .containsExactly(List.of(m(1), r(12), m(2)), List.of(m(1), r(21), m(2)));
            assertThat(paths(cti, 1, 1, 8, Set.of())).containsExactly(List.of(m(1)));
        }
    }

    private static String sdo(String type, int n, String name, String extra) {
        return "{'type':'" + type + "','spec_version':'2.1','id':'" + type + "--" + uuid(n) + "','created':'" + WHEN
                + "','modified':'" + WHEN + "','name':'" + name + "'" + (extra == null ? "" : "," + extra) + "}";
    }

    private static String sco(String type, int n, String value) {
        return "{'type':'" + type + "','spec_version':'2.1','id':'" + type + "--" + uuid(n) + "','value':'" + value
                + "'}";
    }

    private static String link(int id, String type, String from, String to, String extra) {
        return relationship(r(id), type, from, to, extra);
    }

    @Test
    default void pivotsRankWhatSharesTheMostThenById(@TempDir Path dir) {
        String x = "intrusion-set--" + uuid(1);
        String y1 = "intrusion-set--" + uuid(2);
        String y2 = "campaign--" + uuid(3);
        String y3 = "malware--" + uuid(4);
        String y4 = "intrusion-set--" + uuid(5);
        String ap1 = "attack-pattern--" + uuid(11);
        String ap2 = "attack-pattern--" + uuid(12);
        String ap3 = "attack-pattern--" + uuid(13);
        String ip = "ipv4-addr--" + uuid(21);
        String domain = "domain-name--" + uuid(22);
        String infra = "infrastructure--" + uuid(31);
        List<String> objects = new ArrayList<>(List.of(
                sdo("intrusion-set", 1, "X", null),
                sdo("intrusion-set", 2, "Y1", null),
                sdo("campaign", 3, "Y2", null),
                sdo("malware", 4, "Y3", "'is_family':true"),
                sdo("intrusion-set", 5, "Y4", null),
                sdo("attack-pattern", 11, "AP1", null),
                sdo("attack-pattern", 12, "AP2", null),
                sdo("attack-pattern", 13, "AP3", null),
                sco("ipv4-addr", 21, "198.51.100.7"),
                sco("domain-name", 22, "example.org"),
                sdo("infrastructure", 31, "C2", null),
                link(101, "uses", x, ap1, null),
                link(102, "uses", x, ap2, null),
                link(103, "uses", x, ap3, null),
                link(104, "related-to", ip, x, null),
                link(105, "uses", x, infra, null),
                link(111, "uses", y1, ap1, null),
                link(112, "uses", y1, ap2, null),
                link(113, "uses", y2, ap3, null),
                link(114, "related-to", y2, ip, null),
                link(115, "resolves-to", domain, ip, null), // an observable is not an entity to pivot to
                link(116, "uses", y3, infra, null),
                link(117, "uses", y4, ap1, "'revoked':true"),
                link(118, "uses", ap2, y3, null), // the technique is the source: not a use of it
                link(119, "related-to", y4, ap3, null))); // not a use
        try (Cti cti = open(dir)) {
            load(cti, objects.toArray(new String[0]));
            List<PivotMatch> all =
                    cti.pivot(x, Set.of(), 10, false, Caller.ADMIN).orElseThrow();
            assertThat(all)
                    .containsExactly(
                            new PivotMatch(y2, "campaign", "Y2", List.of(ip), List.of(), List.of(ap3)),
                            new PivotMatch(y1, "intrusion-set", "Y1", List.of(), List.of(), List.of(ap1, ap2)),
                            new PivotMatch(y3, "malware", "Y3", List.of(), List.of(infra), List.of()));
            assertThat(all).extracting(PivotMatch::shared).containsExactly(2, 2, 1);

            assertThat(cti.pivot(x, Set.of(PivotKind.TECHNIQUES), 10, false, Caller.ADMIN)
                            .orElseThrow())
                    .extracting(PivotMatch::id, PivotMatch::shared)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(y1, 2), org.assertj.core.groups.Tuple.tuple(y2, 1));
            assertThat(cti.pivot(x, Set.of(PivotKind.TECHNIQUES), 1, false, Caller.ADMIN)
                            .orElseThrow())
                    .extracting(PivotMatch::id)
                    .containsExactly(y1);
            assertThat(cti.pivot(x, Set.of(PivotKind.OBSERVABLES, PivotKind.INFRASTRUCTURE), 10, false, Caller.ADMIN)
                            .orElseThrow())
                    .extracting(PivotMatch::id)
                    .containsExactly(y2, y3);
            assertThat(cti.pivot(x, Set.of(PivotKind.TECHNIQUES), 10, true, Caller.ADMIN)
                            .orElseThrow())
                    .extracting(PivotMatch::id)
                    .containsExactly(y1, y2, y4);
            assertThat(cti.pivot("intrusion-set--" + uuid(99), Set.of(), 10, false, Caller.ADMIN))
                    .isEmpty();
        }
    }

    @Test
    default void pivotsLeaveOutWhatTheCallerCannotSee(@TempDir Path dir) {
        String x = "intrusion-set--" + uuid(1);
        String y1 = "intrusion-set--" + uuid(2);
        String y2 = "intrusion-set--" + uuid(3);
        String ap1 = "attack-pattern--" + uuid(11);
        String ap2 = "attack-pattern--" + uuid(12);
        try (Cti cti = open(dir)) {
            load(
                    cti,
                    sdo("intrusion-set", 1, "X", null),
                    sdo("intrusion-set", 2, "Y1", RED),
                    sdo("intrusion-set", 3, "Y2", null),
                    sdo("attack-pattern", 11, "AP1", null),
                    sdo("attack-pattern", 12, "AP2", RED),
                    link(101, "uses", x, ap1, null),
                    link(102, "uses", x, ap2, null),
                    link(111, "uses", y1, ap1, null),
                    link(112, "uses", y2, ap1, null),
                    link(113, "uses", y2, ap2, null));
            assertThat(cti.pivot(x, Set.of(), 10, false, Caller.ADMIN).orElseThrow())
                    .extracting(PivotMatch::id, PivotMatch::shared)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(y2, 2), org.assertj.core.groups.Tuple.tuple(y1, 1));
            assertThat(cti.pivot(x, Set.of(), 10, false, NO_RED).orElseThrow())
                    .containsExactly(new PivotMatch(y2, "intrusion-set", "Y2", List.of(), List.of(), List.of(ap1)));
            assertThat(cti.pivot(y1, Set.of(), 10, false, NO_RED)).isEmpty();
        }
    }
}
