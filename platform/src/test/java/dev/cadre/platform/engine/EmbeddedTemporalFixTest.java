package dev.cadre.platform.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.platform.config.ConfigLoader;
import io.temporal.testserver.TestServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fix applies to the pinned test-server version, and the server still answers afterwards. */
class EmbeddedTemporalFixTest {

    @Test
    void appliesToThePinnedServerAndLeavesItWorking(@TempDir Path home) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (TestServer.PortBoundTestServer server = TemporalConnection.startEmbedded(port, false)) {
            assertTrue(EmbeddedTemporalFix.apply(server), "the test server's internals changed: revisit EmbeddedTemporalFix");
            try (TemporalConnection connection = TemporalConnection.open(new ConfigLoader(Map.of(
                    "CADRE_HOME", home.toString(), "CADRE_TEMPORAL_TARGET", "127.0.0.1:" + port)).load(home))) {
                assertTrue(connection.isUp());
            }
        }
    }
}
