package dev.threatkit.cti.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threatkit.cti.stix.ReadOptions;
import dev.threatkit.cti.stix.StixJson;
import dev.threatkit.cti.stix.StixParseException;
import dev.threatkit.cti.stix.StixProperties;
import dev.threatkit.cti.stix.StixReader;
import dev.threatkit.cti.testing.Json;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our scanner against Jackson's parser as the reference, on the corners of RFC 8259. */
class JsonScannerTest {
    private static void sameAsJackson(String json) {
        assertThat(Json.tree(StixJson.toJson(StixJson.parseObject(json))))
                .as(json)
                .isEqualTo(Json.tree(json));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"x\",\"s\":\"plain\"}",
                "{\"type\":\"x\",\"s\":\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041\\u00e9\\u4e2d\"}",
                "{\"type\":\"x\",\"s\":\"surrogates \\ud83d\\ude00 and raw \ud83d\ude00\"}",
                "{\"type\":\"x\",\"s\":\"caf\u00e9 \u2019quotes\u2019 \u4e2d\u6587\"}",
                "{\"type\":\"x\",\"n\":[0,-0,1,-1,9223372036854775807,-9223372036854775808,92233720368547758070]}",
                "{\"type\":\"x\",\"f\":[0.5,-0.5,1e10,1E-7,2.5e+3,7.980693,1e999,-1e999,123456789012345678901234.5]}",
                "{\"type\":\"x\",\"l\":[true,false,null,[],{},[[]],{\"a\":{}}]}",
                " \t\r\n{ \"type\" : \"x\" ,\n \"a\" :\t[ 1 , 2 ] }\n ",
                "{\"type\":\"x\",\"k\u00e9y\":1,\"k\\u0065y2\":2,\"\":3}",
                "{\"type\":\"x\",\"s\":\"12345678\",\"t\":\"1234567\\\"\",\"u\":\"\\\\12345678\"}",
            })
    void values_matchJackson(String json) {
        sameAsJackson(json);
    }

    /**
     * An object of {@code fields} strings, each {@code longLength} units long when that is not -1, else a random
     * length below {@code maxLength}; a unit is {@code pieces[pick]} or, past them, a letter, for a random pick below
     * {@code picks}.
     */
    private static String stringsObject(
            Random r, int fields, int longLength, int maxLength, String[] pieces, int picks) {
        StringBuilder sb = new StringBuilder("{\"type\":\"x\"");
        for (int i = 0; i < fields; i++) {
            int len = longLength >= 0 ? longLength : r.nextInt(maxLength);
            StringBuilder v = new StringBuilder();
            for (int k = 0; k < len; k++) {
                int pick = r.nextInt(picks);
                v.append(pick < pieces.length ? pieces[pick] : String.valueOf((char) ('a' + pick % 26)));
            }
            sb.append(",\"s").append(i).append("\":\"").append(v).append('"');
        }
        return sb.append('}').toString();
    }

    @Test
    void asciiStringsWithEscapes_matchJackson_atEveryOffsetAndLength() {
        Random r = new Random(7);
        String[] escapes = {"\\n", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\r", "\\t", "\\u0041", "\\u00e9"};
        for (int round = 0; round < 300; round++) {
            // lengths around the word size, the 1 KiB scratch buffer and past 64 KiB
            int maxLength = round % 3 == 0 ? 3000 : 24;
            int longLength = round % 50 == 0 ? 70_000 : -1;
            sameAsJackson(stringsObject(r, 8, longLength, maxLength, escapes, round % 2 == 0 ? 6 : 60));
        }
    }

    /**
     * Strings whose characters beyond ASCII come as {@code \\u} escapes, as in ATT&amp;CK: every range of UTF-8
     * length, surrogate pairs, lone surrogates of both halves (which UTF-8 cannot carry, so the fast path must hand
     * them on), upper-case digits, escapes next to each other and at the ends, and strings long enough to cross the
     * read buffer.
     */
    @Test
    void unicodeEscapes_matchJackson_inEveryForm() {
        Random r = new Random(19);
        String[] pieces = {
            "\\u0041",
            "\\u0000",
            "\\u001f",
            "\\u007f",
            "\\u0080",
            "\\u00e9",
            "\\u00E9",
            "\\u07ff",
            "\\u0800",
            "\\u2019",
            "\\u4e2d",
            "\\ufeff",
            "\\uffff",
            "\\ud83d\\ude00",
            "\\udbff\\udfff",
            "\\uD800\\uDC00",
            "\\ud800",
            "\\udbff",
            "\\udc00",
            "\\udfff",
            "\\ud800\\u0041",
            "\\ud83d\\n",
            "\\udc00\\ud800",
            "\\n",
            "\\\"",
            "\\\\",
            "\\t"
        };
        for (int round = 0; round < 400; round++) {
            int maxLength = round % 2 == 0 ? 12 : 400;
            int longLength = round % 40 == 0 ? 30_000 : -1;
            int picks = round % 3 == 0 ? pieces.length : pieces.length * 8;
            sameAsJackson(stringsObject(r, 6, longLength, maxLength, pieces, picks));
        }
    }

    /**
     * Strings that mix escapes with raw characters beyond ASCII (ATT&amp;CK's descriptions: {@code it’s\\n}), read
     * from a stream that hands over a few bytes at a time, so the buffer ends inside every kind of piece: an escape,
     * a {@code \\u} escape, the second half of a surrogate pair, a multi-byte UTF-8 sequence.
     */
    @Test
    void mixedStrings_readInSmallChunks_matchJackson() {
        Random r = new Random(23);
        String[] pieces = {
            "\\n",
            "\\\"",
            "\\\\",
            "\\u00e9",
            "\\u2019",
            "\\ud83d\\ude00",
            "\\ud800",
            "\\udc00x",
            "\u00e9",
            "\u2019",
            "\ud83d\ude00",
            "\u4e2d",
            "\u0430"
        };
        for (int round = 0; round < 200; round++) {
            String json = stringsObject(r, 5, -1, round % 4 == 0 ? 600 : 40, pieces, pieces.length * (1 + round % 3));
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            int chunk = 1 + r.nextInt(17);
            try (StixReader reader = StixReader.open(chunked(bytes, chunk), "chunked")) {
                assertThat(Json.tree(StixJson.toJson(reader.next()))).as(json).isEqualTo(Json.tree(json));
            }
        }
    }

    /** A stream of {@code bytes} that gives at most {@code chunk} bytes per read. */
    private static InputStream chunked(byte[] bytes, int chunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    /** The string limit counts characters, as ReadOptions says, on every path a string can take. */
    @Test
    void stringLimit_countsCharactersNotBytes() {
        ReadOptions five = ReadOptions.DEFAULTS.withMaxStringLength(5);
        // five characters each: plain ASCII, raw two- and three-byte UTF-8, escapes with and without UTF-8, a
        // surrogate pair as two characters, a lone surrogate
        List<String> fit = List.of(
                "abcde",
                "\u00e9\u00e9\u00e9\u00e9\u00e9",
                "\u2019\u2019\u2019\u2019\u2019",
                "a\\nb\\tc",
                "\u00e9\\n\u2019\\t\u4e2d",
                "ab\\ud83d\\ude00c",
                "ab\ud83d\ude00c",
                "ab\\ud800cd");
        for (String value : fit) {
            String json = "{\"type\":\"x\",\"s\":\"" + value + "\"}";
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            for (InputStream in : List.of(new ByteArrayInputStream(bytes), chunked(bytes, 3))) {
                try (StixReader reader = StixReader.open(in, "limit", five)) {
                    assertThat(reader.next().get("s"))
                            .as(value)
                            .isEqualTo(Json.tree(json).get("s").asText());
                }
            }
            String longer = "{\"type\":\"x\",\"s\":\"" + value + "z\"}";
            byte[] longerBytes = longer.getBytes(StandardCharsets.UTF_8);
            for (InputStream in : List.of(new ByteArrayInputStream(longerBytes), chunked(longerBytes, 3))) {
                assertThatThrownBy(() -> {
                            try (StixReader reader = StixReader.open(in, "limit", five)) {
                                reader.next();
                            }
                        })
                        .as(value)
                        .isInstanceOfSatisfying(
                                StixParseException.class,
                                e -> assertThat(e.reason()).isEqualTo(StixParseException.Reason.LIMIT));
            }
        }
    }

    @Test
    void objectsOfOneShape_shareTheirKeys_andEveryNewShapeIsCheckedForDuplicates() {
        List<StixProperties> items = readAll("[{\"type\":\"x\",\"a\":1,\"b\":2},{\"type\":\"y\"},"
                + "{\"type\":\"x\",\"a\":3,\"b\":4},{\"type\":\"x\",\"b\":1,\"a\":2}]");
        assertThat(items.get(0).sameKeysAs(items.get(2))).isTrue();
        assertThat(items.get(0).sameKeysAs(items.get(3))).isFalse();
        assertThat(items.get(2).get("b")).isEqualTo(4L);
        // more shapes than the scanner keeps, so the last ones are checked without being kept
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 5000; i++) {
            sb.append("{\"type\":\"x\",\"k").append(i).append("\":1},");
        }
        sb.append("{\"type\":\"x\",\"a\":1,\"b\":2},{\"type\":\"x\",\"a\":3,\"b\":4}]");
        List<StixProperties> many = readAll(sb.toString());
        assertThat(many).hasSize(5002);
        assertThat(many.get(5001).get("b")).isEqualTo(4L);
        for (String json : List.of(
                "[{\"type\":\"x\",\"a\":1},{\"type\":\"x\",\"a\":1,\"a\":2}]",
                sb.substring(0, sb.length() - 1) + ",{\"type\":\"x\",\"k4999\":1,\"k4999\":2}]")) {
            assertThatThrownBy(() -> readAll(json)).hasMessageContaining("appears twice");
        }
    }

    /**
     * Objects in one place are read expecting the keys of the recent ones there: random lists of objects drawn
     * from a few shapes, with keys dropped, swapped, changed in one byte, escaped or repeated, must read exactly
     * as Jackson reads them, and a repeated key must fail even when the keys before it came as expected.
     */
    @Test
    void expectedKeys_neverAcceptANearMiss_andDuplicatesAfterExpectedKeysStillFail() {
        Random r = new Random(17);
        String[] base = {"type", "id", "created", "source_ref", "x_mitre_attack_spec_version", "k", "description"};
        for (int round = 0; round < 400; round++) {
            StringBuilder sb = new StringBuilder("{\"type\":\"x\",\"l\":[");
            boolean duplicate = false;
            for (int item = 0; item < 30; item++) {
                List<String> keys = new ArrayList<>(List.of(base).subList(0, 2 + r.nextInt(base.length - 1)));
                switch (r.nextInt(8)) {
                    case 0 -> keys.remove(r.nextInt(keys.size()));
                    case 1 -> Collections.swap(keys, r.nextInt(keys.size()), r.nextInt(keys.size()));
                    case 2 -> {
                        int k = r.nextInt(keys.size());
                        char[] c = keys.get(k).toCharArray();
                        c[r.nextInt(c.length)] = '_';
                        keys.set(k, new String(c));
                    }
                    default -> {}
                }
                if (round % 10 == 0 && item == 29) {
                    keys.add(keys.get(r.nextInt(keys.size()))); // the expected keys, then one of them again
                }
                duplicate |= new HashSet<>(keys).size() < keys.size();
                sb.append(item == 0 ? "{" : ",{");
                for (int k = 0; k < keys.size(); k++) {
                    String key = keys.get(k);
                    // now and then the same key spelled with an escape, which only the slow path reads
                    String written =
                            r.nextInt(10) == 0 ? "\\u00" + Integer.toHexString(key.charAt(0)) + key.substring(1) : key;
                    sb.append(k == 0 ? "\"" : ",\"")
                            .append(written)
                            .append("\":")
                            .append(k);
                }
                sb.append('}');
            }
            String json = sb.append("]}").toString();
            if (duplicate) {
                assertThatThrownBy(() -> StixJson.parseObject(json)).as(json).hasMessageContaining("appears twice");
            } else {
                sameAsJackson(json);
            }
        }
    }

    private static List<StixProperties> readAll(String json) {
        List<StixProperties> out = new java.util.ArrayList<>();
        try (StixReader reader = StixReader.of(json)) {
            while (reader.hasNext()) {
                out.add(reader.next().properties());
            }
        }
        return out;
    }

    @Test
    void keysDifferingInOneByte_atEveryPositionOfEveryLength_stayDistinct() {
        // the key table tells keys apart by length and three eight-byte words plus the bytes between: every
        // position of every length up to 40 must count
        StringBuilder sb = new StringBuilder("{\"type\":\"x\"");
        int n = 0;
        for (int length = 1; length <= 40; length++) {
            String base = "abcdefghijklmnopqrstuvwxyz0123456789ABCD".substring(0, length);
            for (int at = 0; at < length; at++) {
                String key = base.substring(0, at) + '_' + base.substring(at + 1);
                sb.append(",\"").append(key).append("\":").append(n++);
            }
            sb.append(",\"").append(base).append("\":").append(n++);
        }
        String object = sb.append('}').toString();
        sameAsJackson(object);
        // the same keys again, now found in the table, in an object of its own
        sameAsJackson("{\"type\":\"x\",\"o\":" + object.replace("\"type\":\"x\",", "") + ",\"p\":"
                + object.replace("\"type\":\"x\",", "") + "}");
    }

    @Test
    void longKeysDifferingOnlyInTheMiddle_stayDistinct() {
        String a = "x_a_long_property_name_AAAAAAAA_tail_end";
        String b = "x_a_long_property_name_BBBBBBBB_tail_end";
        String c = "x_a_long_property_name_AAAAAAAB_tail_end";
        sameAsJackson("{\"type\":\"x\",\"" + a + "\":1,\"" + b + "\":2,\"" + c + "\":3}");
        assertThatThrownBy(() -> StixJson.parseObject("{\"type\":\"x\",\"" + a + "\":1,\"" + a + "\":2}"))
                .hasMessageContaining("appears twice");
    }

    @Test
    void longStringsAndKeys_crossBufferBoundaries() {
        Random r = new Random(42);
        for (int round = 0; round < 20; round++) {
            StringBuilder sb = new StringBuilder("{\"type\":\"x\"");
            for (int i = 0; i < 40; i++) {
                int len = r.nextInt(9000);
                StringBuilder v = new StringBuilder();
                for (int k = 0; k < len; k++) {
                    int pick = r.nextInt(40);
                    v.append(
                            pick == 0
                                    ? "\\n"
                                    : pick == 1 ? "\u00e9" : pick == 2 ? "\ud83d\ude00" : "abcdefgh".charAt(pick % 8));
                }
                sb.append(",\"key_")
                        .append("k".repeat(r.nextInt(30)))
                        .append(i)
                        .append("\":\"")
                        .append(v)
                        .append('"');
            }
            sb.append('}');
            sameAsJackson(sb.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":01}",
                "{\"type\":1.}",
                "{\"type\":-}",
                "{\"type\":+1}",
                "{\"type\":.5}",
                "{\"type\":1e}",
                "{\"type\":tru}",
                "{\"type\":nul}",
                "{\"type\":\"a\nb\"}",
                "{\"type\":\"\\x\"}",
                "{\"type\":\"\\u12g4\"}",
                "{\"type\":\"a\\n\\u12g4 and more text after it\"}",
                "{\"type\":\"a\\n\\u00\"}",
                "{\"type\":\"a\\n\\u00e\\u0041 and more text after it\"}",
                "{\"type\" \"x\"}",
                "{\"type\":\"x\",}",
                "{\"type\":[1,]}",
                "{'type':1}",
                "{\"type\":\"x\"",
                "{\"type\":NaN}",
                "{\"type\":[1 2]}"
            })
    void invalidJson_isMalformedWithAPosition(String json) {
        assertThatThrownBy(() -> {
                    try (StixReader reader = StixReader.of(json)) {
                        reader.forEachRemaining(o -> {});
                    }
                })
                .isInstanceOfSatisfying(StixParseException.class, e -> {
                    assertThat(e.reason()).isEqualTo(StixParseException.Reason.MALFORMED);
                    assertThat(e.line()).isPositive();
                    assertThat(e.column()).isPositive();
                });
    }

    @Test
    void invalidUtf8Sequences_areRejected() {
        List<byte[]> bad = List.of(
                new byte[] {(byte) 0xc0, (byte) 0x80},
                new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                new byte[] {(byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xe2, (byte) 0x28, (byte) 0xa1},
                new byte[] {(byte) 0x80});
        for (byte[] b : bad) {
            byte[] head = "{\"type\":\"x\",\"s\":\"ab".getBytes(StandardCharsets.US_ASCII);
            byte[] tail = "cd\"}".getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[head.length + b.length + tail.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(b, 0, all, head.length, b.length);
            System.arraycopy(tail, 0, all, head.length + b.length, tail.length);
            assertThatThrownBy(() -> {
                        try (StixReader reader = StixReader.open(new ByteArrayInputStream(all), "utf8")) {
                            reader.forEachRemaining(o -> {});
                        }
                    })
                    .isInstanceOf(StixParseException.class)
                    .hasMessageContaining("UTF-8");
        }
    }

    @Test
    void byteOrderMark_isSkipped_andLinesAreCounted() {
        byte[] bom = "\ufeff{\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        try (StixReader reader = StixReader.open(new ByteArrayInputStream(bom), "bom")) {
            assertThat(reader.next().type()).isEqualTo("x");
        }
        StixParseException e = org.junit.jupiter.api.Assertions.assertThrows(StixParseException.class, () -> {
            try (StixReader reader = StixReader.of("[\n{\"type\":\"a\"},\n  {\"type\": x}]")) {
                reader.forEachRemaining(o -> {});
            }
        });
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(12);
        assertThat(e.path()).isEqualTo("[1].type");
    }

    /**
     * Runs of whitespace of every length and kind between all tokens, across buffer refills (the document is
     * larger than the 64 KiB buffer): the same values as Jackson, and an error after them at the right line and
     * column.
     */
    @Test
    void whitespaceRuns_readLikeJackson_andCountLines() {
        Random r = new Random(5);
        String[] breaks = {"\n", "\r\n", "\n\t\t", "", " "};
        StringBuilder doc = new StringBuilder("[");
        int objects = 1500;
        for (int i = 0; i < objects; i++) {
            String[] tokens = {
                i == 0 ? "" : ",",
                "{",
                "\"type\"",
                ":",
                "\"x\"",
                ",",
                "\"l\"",
                ":",
                "[",
                "" + i,
                ",",
                "\"s" + i + "\"",
                "]",
                "}"
            };
            for (String token : tokens) {
                doc.append(gap(r, breaks)).append(token);
            }
        }
        String json = doc.append(gap(r, breaks)).append(']').toString();
        assertThat(json.length()).isGreaterThan(1 << 17);
        List<StixProperties> read = new ArrayList<>();
        try (StixReader reader =
                StixReader.open(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "ws")) {
            reader.forEachRemaining(o -> read.add(o.properties()));
        }
        assertThat(read).hasSize(objects);
        com.fasterxml.jackson.databind.JsonNode expected = Json.tree(json);
        for (int i = 0; i < objects; i++) {
            assertThat(Json.tree(StixJson.toJson(read.get(i)))).isEqualTo(expected.get(i));
        }

        String broken = json.substring(0, json.length() - 1) + ",\n" + " ".repeat(37) + "{\"type\": x}]";
        StixParseException e = org.junit.jupiter.api.Assertions.assertThrows(StixParseException.class, () -> {
            try (StixReader reader =
                    StixReader.open(new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)), "ws")) {
                reader.forEachRemaining(o -> {});
            }
        });
        long lines = broken.chars().filter(c -> c == '\n').count() + 1;
        assertThat(e.line()).isEqualTo(lines);
        assertThat(e.column()).isEqualTo(37 + 10); // the x after 37 spaces and {"type":<space>
    }

    /** Whitespace of a random kind and length, often a line break and an indent of up to 40 spaces. */
    private static String gap(Random r, String[] breaks) {
        String b = breaks[r.nextInt(breaks.length)];
        return b + " ".repeat(r.nextInt(4) == 0 ? 0 : r.nextInt(41));
    }

    @Test
    void slowStreams_deliveringOneByteAtATime_readTheSame() {
        String json = "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":[{\"type\":\"x\",\"s\":\"caf\u00e9\\n\","
                + "\"n\":-12.5e3,\"l\":[true,null]},{\"type\":\"y\"}]}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new InputStream() {
            private int i;

            @Override
            public int read() {
                return i < bytes.length ? bytes[i++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (i >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[i++];
                return 1;
            }
        };
        try (StixReader reader = StixReader.open(trickle, "trickle")) {
            assertThat(reader.next().toString())
                    .isEqualTo(StixJson.parseObject(
                                    "{\"type\":\"x\",\"s\":\"caf\u00e9\\n\",\"n\":-12.5e3,\"l\":[true,null]}")
                            .toString());
            assertThat(reader.next().type()).isEqualTo("y");
            assertThat(reader.hasNext()).isFalse();
        }
    }
}
