package dev.cadre.platform.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.uber.m3.tally.NoopScope;
import dev.cadre.platform.config.ConfigLoader;
import io.temporal.internal.testservice.TestServicesStarter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server: the fix applies to the pinned test-server version, and it listens on loopback only. */
class EmbeddedTemporalFixTest {

    @Test
    void fixAppliesToThePinnedTestServer() {
        TestServicesStarter services = new TestServicesStarter(true, 0);
        try {
            assertTrue(EmbeddedTemporalFix.apply(services), "the test server's internals changed: revisit EmbeddedTemporalFix");
        } finally {
            services.close();
        }
    }

    @Test
    void embeddedServerAnswersOnLoopbackAndNowhereElse(@TempDir Path home) throws Exception {
        try (EmbeddedTemporalServer server = EmbeddedTemporalServer.start(InetAddress.getLoopbackAddress(), 0, true);
             TemporalConnection connection = TemporalConnection.open(new ConfigLoader(Map.of(
                     "CADRE_HOME", home.toString(), "CADRE_TEMPORAL_TARGET", "127.0.0.1:" + server.port())).load(home), new NoopScope())) {
            assertTrue(connection.isUp());
            InetAddress external = firstNonLoopbackAddress();
            if (external != null) {
                assertFalse(reachable(external, server.port()), "not listening on " + external.getHostAddress());
            }
        }
    }

    private static InetAddress firstNonLoopbackAddress() throws Exception {
        for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (var address : java.util.Collections.list(nic.getInetAddresses())) {
                if (!address.isLoopbackAddress() && address instanceof java.net.Inet4Address) {
                    return address;
                }
            }
        }
        return null;
    }

    private static boolean reachable(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
