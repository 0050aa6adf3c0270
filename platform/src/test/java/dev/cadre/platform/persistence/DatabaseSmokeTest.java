package dev.cadre.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cadre.platform.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseSmokeTest {
    @TempDir Path home;

    @Test
    void seedCounts() throws Exception {
        var config = new ConfigLoader(Map.of()).load(home);
        try (Database db = Database.open(config, List.of());
             var c = db.dataSource().getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("select count(*) from workflow_activity_templates a join workflow_templates t on t.id = a.template_id"
                     + " where t.code = 'test-cycle' and t.status = 'PUBLISHED'")) {
            rs.next();
            assertEquals(49, rs.getInt(1));
        }
    }
}
