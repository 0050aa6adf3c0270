package dev.cadre.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.platform.config.CadreConfig;
import dev.cadre.platform.config.ConfigException;
import dev.cadre.platform.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin token: configured, or generated once into data/admin.token with mode 600 and reused. */
class AdminTokenTest {

    @Test
    void generatesAnOwnerOnlyTokenOnceAndReusesIt(@TempDir Path home) throws Exception {
        CadreConfig config = new ConfigLoader(Map.of("CADRE_HOME", home.toString())).load(home);
        AdminToken first = AdminToken.resolve(config);
        Path file = home.resolve("data").resolve(AdminToken.FILE_NAME);
        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(32, Base64.getUrlDecoder().decode(first.value()).length);
        assertEquals(first.value(), AdminToken.resolve(config).value(), "reused on the next start");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        AdminToken.resolve(config);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "tightened again");
    }

    @Test
    void aConfiguredTokenWinsAndIsComparedExactly(@TempDir Path home) {
        CadreConfig config = new ConfigLoader(Map.of("CADRE_HOME", home.toString(), "CADRE_ADMIN_TOKEN", "s3cret-s3cret-s3cret-s3cret-s3cret")).load(home);
        AdminToken token = AdminToken.resolve(config);
        assertTrue(token.matches("s3cret-s3cret-s3cret-s3cret-s3cret"));
        assertFalse(token.matches("s3cret-s3cret-s3cret-s3cret-s3cre"));
        assertFalse(token.matches("s3cret-s3cret-s3cret-s3cret-s3cret "));
        assertFalse(token.matches(""));
        assertFalse(token.matches(null));
        assertFalse(Files.exists(home.resolve("data").resolve(AdminToken.FILE_NAME)), "no file when configured");
    }

    @Test
    void aWeakConfiguredTokenIsRefusedAtStartWithAClearError(@TempDir Path home) {
        ConfigException refused = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of("CADRE_HOME", home.toString(), "CADRE_ADMIN_TOKEN", "0123456789abcdef0123456789abcde")).load(home));
        assertTrue(refused.getMessage().contains("CADRE_ADMIN_TOKEN has 31 characters; it needs at least 32"), refused.getMessage());
        assertTrue(AdminToken.resolve(new ConfigLoader(Map.of("CADRE_HOME", home.toString(), "CADRE_ADMIN_TOKEN",
                "0123456789abcdef0123456789abcdef")).load(home)).matches("0123456789abcdef0123456789abcdef"));
    }
}
