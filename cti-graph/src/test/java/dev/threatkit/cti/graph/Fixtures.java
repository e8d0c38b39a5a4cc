package dev.threatkit.cti.graph;

import dev.threatkit.cti.stix.StixJson;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.store.Caller;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small STIX fixtures and helpers for store tests. */
final class Fixtures {
    static final String MITRE = "identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5";
    static final String OTHER_AUTHOR = "identity--11111111-1111-4111-8111-111111111111";
    static final String TLP_RED = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed";

    private Fixtures() {}

    static Cti open(Path dir) {
        return Cti.builder().dataDirectory(dir).build();
    }

    static StixObject obj(String json) {
        return StixJson.parseObject(json.replace('\'', '"'));
    }

    static ImportReport load(Cti cti, String... json) {
        return load(cti, Caller.ADMIN, json);
    }

    static ImportReport load(Cti cti, Caller caller, String... json) {
        List<StixObject> objects = new ArrayList<>();
        for (String j : json) {
            objects.add(obj(j));
        }
        return cti.importObjects(objects.iterator(), "test", caller);
    }

    static String identity(String id, String name) {
        return "{'type':'identity','spec_version':'2.1','id':'" + id + "','created':'2020-01-01T00:00:00.000Z',"
                + "'modified':'2020-01-01T00:00:00.000Z','name':'" + name + "','identity_class':'organization'}";
    }

    static String malware(String id, String name, String author, String modified, String extra) {
        return "{'type':'malware','spec_version':'2.1','id':'" + id + "','created':'2020-01-01T00:00:00.000Z',"
                + "'modified':'" + modified + "','name':'" + name + "','is_family':true"
                + (author == null ? "" : ",'created_by_ref':'" + author + "'")
                + (extra == null ? "" : "," + extra) + "}";
    }

    static String relationship(String id, String type, String source, String target, String extra) {
        return "{'type':'relationship','spec_version':'2.1','id':'" + id + "','created':'2020-01-01T00:00:00.000Z',"
                + "'modified':'2020-01-01T00:00:00.000Z','relationship_type':'" + type + "','source_ref':'" + source
                + "','target_ref':'" + target + "'" + (extra == null ? "" : "," + extra) + "}";
    }

    static String uuid(int n) {
        return String.format("%08d-0000-4000-8000-000000000000", n);
    }
}
