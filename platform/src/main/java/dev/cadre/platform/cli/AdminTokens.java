package dev.cadre.platform.cli;

import dev.cadre.platform.config.CadreConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the admin token a CLI client presents to a running host: {@code CADRE_ADMIN_TOKEN}, else the token
 * file the host generated. Unlike the host's own resolution it never creates a token.
 */
final class AdminTokens {

    private AdminTokens() {
    }

    static String of(CadreConfig config) {
        if (config.adminToken().isPresent()) {
            return config.adminToken().get();
        }
        Path file = config.dataDir().resolve("admin.token");
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new CadreCommand.InvalidInputException("no admin token: set CADRE_ADMIN_TOKEN or --token, or start the host once so it writes "
                    + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
