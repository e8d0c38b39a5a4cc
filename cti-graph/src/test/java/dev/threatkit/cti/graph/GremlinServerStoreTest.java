package dev.threatkit.cti.graph;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.tinkerpop.gremlin.server.GremlinServer;
import org.apache.tinkerpop.gremlin.server.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on a Gremlin Server (TinkerGraph behind it) started on loopback, through gremlin-driver. */
class GremlinServerStoreTest implements AllStoreContracts {
    private static GremlinServer server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Settings settings;
        try (InputStream in = GremlinServerStoreTest.class.getResourceAsStream("/gremlin-server/server.yaml")) {
            settings = Settings.read(in);
        }
        settings.host = "127.0.0.1";
        settings.port = port;
        settings.graphs.put("graph", resource("/gremlin-server/tinkergraph.properties"));
        @SuppressWarnings("unchecked")
        Map<String, Object> scriptPlugin = (Map<String, Object>) settings.scriptEngines
                .get("gremlin-groovy")
                .plugins
                .get("org.apache.tinkerpop.gremlin.jsr223.ScriptFileGremlinPlugin");
        scriptPlugin.put("files", List.of(resource("/gremlin-server/init.groovy")));
        server = new GremlinServer(settings);
        server.start().get();
    }

    private static String resource(String name) throws IOException {
        try {
            return Path.of(GremlinServerStoreTest.class.getResource(name).toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop().get();
        }
    }

    @Override
    public GraphBackend backend() {
        return GraphBackend.remote("127.0.0.1", port, "g");
    }
}
