package dev.cadre.platform.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CadreVersionManagerTest {

    private final CadreVersionManager versions = new CadreVersionManager();

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        ">=1.0.0 <2.0.0 ; >=1.0.0 & <2.0.0",
        ">= 1.0.0   <  2.0.0 ; >=1.0.0 & <2.0.0",
        ">=1.0.0 & <2.0.0 ; >=1.0.0 & <2.0.0",
        ">=1.0.0&<2.0.0 ; >=1.0.0&<2.0.0",
        "1.0.0 - 2.0.0 ; 1.0.0 - 2.0.0",
        ">=1 <2 || >=3 ; >=1 & <2 || >=3",
        "^1.2 ; ^1.2",
        "'' ; *"})
    void normalisesSpaceSeparatedRanges(String range, String expression) {
        assertEquals(expression, CadreVersionManager.normalise(range));
    }

    @Test
    void checksVersionsAgainstRanges() {
        assertTrue(versions.checkVersionConstraint("1.0.0", ">=1.0.0 <2.0.0"));
        assertTrue(versions.checkVersionConstraint("1.9.3", ">=1.0.0 <2.0.0"));
        assertFalse(versions.checkVersionConstraint("2.0.0", ">=1.0.0 <2.0.0"));
        assertTrue(versions.checkVersionConstraint("1.0", ">=1.0.0"));
        assertTrue(versions.checkVersionConstraint("3.0.0", ">=1 <2 || >=3"));
        assertTrue(versions.checkVersionConstraint("1.0.0", null));
    }

    @Test
    void comparesVersionsLeniently() {
        assertTrue(versions.compareVersions("1.10.0", "1.9.0") > 0);
        assertEquals(0, versions.compareVersions("1.0", "1.0.0"));
        assertTrue(versions.compareVersions("1.0.0-SNAPSHOT", "1.0.0") < 0);
    }
}
