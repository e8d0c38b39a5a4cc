package dev.threatkit.cti.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threatkit.cti.schema.StixRegistry;
import dev.threatkit.cti.stix.StixObject;
import dev.threatkit.cti.testing.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SHOULD-level advice: an error under --strict at the named path, only a warning by default. */
class StrictAdviceTest {
    private static final StixValidator STRICT = StixValidator.of(StixRegistry.builtIn(), ValidationOptions.STRICT);
    private static final StixValidator DEFAULT = StixValidator.builtIn();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // a hash algorithm outside hash-algorithm-ov without the x_ prefix
                "{'type':'file','spec_version':'2.1','id':'file--ff1e0780-358c-5808-a8c7-d0fca4ef6ef4','hashes':{'foo':'B4D33B0C7306351B9ED96578465C5579'}}|hashes.foo",
                // an SCO id that is not a UUIDv5
                "{'type':'file','spec_version':'2.1','id':'file--ff1e0780-358c-4808-a8c7-d0fca4ef6ef4','name':'a.exe'}|id",
                // kill chain names with underscores
                "{'type':'tool','spec_version':'2.1','id':'tool--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f','created':'2016-04-06T20:03:48.000Z','modified':'2016-04-06T20:03:48.000Z','name':'VNC','kill_chain_phases':[{'kill_chain_name':'some_thing','phase_name':'reconnaissance'}]}|kill_chain_phases[0].kill_chain_name",
                // a country that is not ISO 3166-1 alpha-2
                "{'type':'location','spec_version':'2.1','id':'location--a6e9345f-5a15-4c29-8bb3-7dcc5d168d64','created':'2016-04-06T20:03:00.000Z','modified':'2016-04-06T20:03:00.000Z','country':'USA'}|country",
                // a malware-analysis product not in lowercase
                "{'type':'malware-analysis','spec_version':'2.1','id':'malware-analysis--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f','created':'2016-04-06T20:03:48.000Z','modified':'2016-04-06T20:03:48.000Z','product':'testinValid','result':'malicious'}|product",
                // a Windows process priority that is not a class name
                "{'type':'process','spec_version':'2.1','id':'process--ff1e0780-358c-4808-a8c7-d0fca4ef6ef4','extensions':{'windows-process-ext':{'priority':'HIGH_PRIORITY'}}}|extensions.windows-process-ext.priority",
                // a PDF information key that PDF does not define
                "{'type':'file','spec_version':'2.1','id':'file--ff1e0780-358c-5808-a8c7-d0fca4ef6ef4','name':'foo.pdf','extensions':{'pdf-ext':{'document_info_dict':{'Title':'x','foo':'bar'}}}}|extensions.pdf-ext.document_info_dict.foo",
                // an extension-definition without a description
                "{'type':'extension-definition','spec_version':'2.1','id':'extension-definition--04b2d3ef-d061-4912-ab77-6bbe807a5bd5','created':'2014-02-20T09:16:08.989Z','modified':'2014-02-20T09:16:08.989Z','name':'x','created_by_ref':'identity--11b76a96-5d2b-45e0-8a5a-f6994f370731','schema':'https://example.com/s.json','version':'1.0','extension_types':['new-sdo']}|description",
            })
    void strictErrorDefaultWarning(String json, String path) {
        StixObject o = Json.object(Json.tree(json.replace('\'', '"')));
        assertThat(STRICT.validate(o).errors()).extracting(Violation::path).contains(path);
        assertThat(DEFAULT.validate(o).errors()).extracting(Violation::path).doesNotContain(path);
        assertThat(DEFAULT.validate(o).warnings()).extracting(Violation::path).contains(path);
    }

    /** Advice only --strict gives: custom properties and extensions added ad hoc instead of by definition. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{'type':'attack-pattern','spec_version':'2.1','id':'attack-pattern--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061','created':'2016-02-12T08:17:27.000Z','modified':'2016-02-12T08:17:27.000Z','name':'Spear Phishing','x_something':'x'}|x_something",
                "{'type':'file','spec_version':'2.1','id':'file--ff1e0780-358c-5808-a8c7-d0fca4ef6ef4','name':'foo.zip','extensions':{'x-foo-bar-ext':{'a':'b'}}}|extensions.x-foo-bar-ext",
                "{'type':'vulnerability','spec_version':'2.1','id':'vulnerability--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061','created':'2016-05-12T08:17:27.000Z','modified':'2016-05-12T08:17:27.000Z','name':'CVE-2016-1234','external_references':[{'source_name':'veris','url':'https://example.com/x'}]}|external_references[0].url",
            })
    void strictErrorDefaultSilent(String json, String path) {
        StixObject o = Json.object(Json.tree(json.replace('\'', '"')));
        assertThat(STRICT.validate(o).errors()).extracting(Violation::path).contains(path);
        assertThat(DEFAULT.validate(o).errors()).extracting(Violation::path).doesNotContain(path);
        assertThat(DEFAULT.validate(o).warnings()).extracting(Violation::path).doesNotContain(path);
    }
}
