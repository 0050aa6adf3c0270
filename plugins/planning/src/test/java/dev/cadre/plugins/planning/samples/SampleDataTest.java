package dev.cadre.plugins.planning.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cadre.plugins.planning.cycle.SampleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped samples are exactly what {@link SampleDataGenerator} writes. To change them, change the
 * generator and run: {@code mvn -B -o -f plugins/pom.xml -pl planning test -Dtest=SampleDataTest
 * -Dcadre.samples.regenerate=true}.
 */
class SampleDataTest {

    @Test
    void committedSamplesAreWhatTheGeneratorWrites(@TempDir Path temp) throws Exception {
        boolean regenerate = Boolean.getBoolean("cadre.samples.regenerate");
        Path target = regenerate ? SampleFiles.dir() : temp;
        Map<String, String> files = SampleDataGenerator.write(target);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path committed = SampleFiles.dir().resolve(file.getKey());
            assertTrue(Files.exists(committed), committed + " is missing: regenerate the samples");
            assertEquals(file.getValue(), Files.readString(committed), committed + " differs from the generator's output");
        }
    }

    @Test
    void samplesStayModest() throws Exception {
        long total;
        try (var paths = Files.walk(SampleFiles.dir())) {
            total = paths.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(total < 1_000_000, "samples are " + total + " bytes; keep them under 1 MB");
    }
}
