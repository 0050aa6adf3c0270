package dev.cadre.platform.plugins;

import static dev.cadre.platform.plugins.PluginTestSupport.info;
import static dev.cadre.platform.plugins.PluginTestSupport.registry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginAllowlistTest {

    private static final String A = "a".repeat(64);
    private static final String B = "B".repeat(64);

    @TempDir
    Path dir;

    @TempDir
    Path conf;

    @Test
    void readsSumsWithCommentsAndSha256sumFileNames() throws Exception {
        Path file = Files.writeString(conf.resolve("allow.txt"),
                "# plugins approved by the platform team\n\n" + A + "  planning-1.0.0.jar\n" + B + " *evidence.jar # binary mode\n");

        PluginAllowlist allowlist = PluginAllowlist.load(Optional.of(file));

        assertTrue(allowlist.enforced());
        assertTrue(allowlist.allows(A));
        assertTrue(allowlist.allows("b".repeat(64)), "case does not matter");
        assertFalse(allowlist.allows("c".repeat(64)));
        assertFalse(allowlist.allows(null));
    }

    @Test
    void refusesALineThatIsNotASum() throws Exception {
        Path file = Files.writeString(conf.resolve("allow.txt"), A + "\nnot-a-sum planning.jar\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PluginAllowlist.load(Optional.of(file)));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void withoutAFileEverythingIsAllowed() {
        PluginAllowlist allowlist = PluginAllowlist.load(Optional.empty());
        assertFalse(allowlist.enforced());
        assertTrue(allowlist.allows(A));
    }

    @Test
    void onlyListedJarsLoad() throws Exception {
        Path listed = PluginJarBuilder.plugin("listed", "1.0.0").handler("Listed").writeTo(dir.resolve("listed.jar"));
        PluginJarBuilder.plugin("unlisted", "1.0.0").handler("Unlisted").writeTo(dir.resolve("unlisted.jar"));
        byte[] upload = PluginJarBuilder.plugin("uploaded", "1.0.0").handler("Uploaded").build();
        Path uploadFile = Files.write(conf.resolve("uploaded.jar"), upload);
        Path file = Files.write(conf.resolve("allow.txt"),
                List.of(PluginJar.sha256(listed) + "  listed.jar", PluginJar.sha256(uploadFile) + "  uploaded.jar"));

        try (PluginHandlerRegistry registry = registry(dir, PluginAllowlist.load(Optional.of(file)))) {
            assertEquals(PluginStatus.STARTED, info(registry, "listed.jar").status());
            PluginInfo refused = info(registry, "unlisted.jar");
            assertEquals(PluginStatus.REJECTED, refused.status());
            assertEquals(PluginProblem.NOT_ALLOWED, refused.problem());
            assertTrue(refused.reason().contains("not in the allow-list"), refused.reason());
            assertTrue(registry.lease("Unlisted").isEmpty());

            PluginException e = assertThrows(PluginException.class,
                    () -> registry.install(PluginJarBuilder.plugin("other", "1.0.0").handler("Other").build()));
            assertEquals(PluginProblem.NOT_ALLOWED, e.problem());
            assertFalse(Files.exists(dir.resolve("other-1.0.0.jar")));

            assertEquals(PluginStatus.STARTED, registry.install(upload).status());
        }
    }
}
