package dev.cadre.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single sign-on settings as {@link ConfigLoader} reads them: defaults, and combinations that cannot work, refused by name. */
class SignInConfigTest {

    @TempDir
    Path home;

    private SignInConfig load(Map<String, String> values) {
        Map<String, String> environment = new HashMap<>(values);
        environment.put("CADRE_HOME", home.toString());
        return new ConfigLoader(environment).load(home).signIn();
    }

    @Test
    void localSignInOnlyByDefault() {
        SignInConfig signIn = load(Map.of());
        assertTrue(signIn.localLogin());
        assertTrue(signIn.oidc().isEmpty());
    }

    @Test
    void theProviderWithItsDefaults() {
        SignInConfig signIn = load(Map.of("CADRE_OIDC_ISSUER", "https://login.example.com/realms/audit", "CADRE_OIDC_CLIENT_ID", "cadre",
                "CADRE_LOCAL_LOGIN", "off"));
        assertFalse(signIn.localLogin());
        SignInConfig.Oidc oidc = signIn.oidc().orElseThrow();
        assertEquals("groups", oidc.rolesClaim());
        assertEquals("cadre", oidc.audience());
        assertTrue(oidc.clientSecret().isEmpty());
    }

    @Test
    void combinationsThatCannotWorkAreRefusedByName() {
        assertTrue(assertThrows(ConfigException.class, () -> load(Map.of("CADRE_LOCAL_LOGIN", "off"))).getMessage()
                .contains("CADRE_OIDC_ISSUER"));
        assertTrue(assertThrows(ConfigException.class, () -> load(Map.of("CADRE_LOCAL_LOGIN", "maybe"))).getMessage()
                .contains("CADRE_LOCAL_LOGIN"));
        assertTrue(assertThrows(ConfigException.class, () -> load(Map.of("CADRE_OIDC_ISSUER", "https://login.example.com"))).getMessage()
                .contains("CADRE_OIDC_CLIENT_ID"));
        assertTrue(assertThrows(ConfigException.class, () -> load(Map.of("CADRE_OIDC_ISSUER", "http://login.example.com",
                "CADRE_OIDC_CLIENT_ID", "cadre"))).getMessage().contains("https"));
        load(Map.of("CADRE_OIDC_ISSUER", "http://127.0.0.1:9000", "CADRE_OIDC_CLIENT_ID", "cadre"));
    }
}
