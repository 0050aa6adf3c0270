package dev.cadre.plugins.planning;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cadre.plugin.api.ActivityFailure;
import dev.cadre.plugins.support.Attribute;
import dev.cadre.plugins.support.AttributeCatalog;
import dev.cadre.plugins.support.CsvTable;
import dev.cadre.plugins.support.DocumentKey;
import dev.cadre.plugins.support.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a data dictionary CSV into test attributes. Columns: {@code field, type, key, cde, owner}
 * (required) and {@code pattern, description} (optional); flags are Y/N, yes/no, true/false or 1/0.
 */
final class DataDictionary {

    static final List<String> REQUIRED = List.of("field", "type", "key", "cde", "owner");

    private DataDictionary() {
    }

    static AttributeCatalog read(CsvTable csv) {
        csv.require("InvalidInput", REQUIRED);
        if (csv.size() == 0) {
            throw invalid(csv.source() + " lists no fields");
        }
        List<Attribute> attributes = new ArrayList<>();
        for (int row = 0; row < csv.size(); row++) {
            String name = nonBlank(csv, row, "field");
            String typeName = nonBlank(csv, row, "type");
            ValueType type = ValueType.of(typeName).orElseThrow(); // nonBlank checked the name
            String owner = nonBlank(csv, row, "owner");
            if (!DocumentKey.NAME.matcher(owner).matches()) {
                throw invalid(csv.where(row, "owner") + ": owner '" + owner
                        + "' must be 1-80 letters, digits, '.', '_' or '-' (it names artifacts and fan-out instances)");
            }
            String pattern = csv.get(row, "pattern");
            if (!pattern.isEmpty()) {
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    throw invalid(csv.where(row, "pattern") + ": invalid regular expression (RE2 syntax: no backreferences or lookaround): "
                            + e.getDescription());
                }
            }
            attributes.add(new Attribute(name, type, flag(csv, row, "key"), flag(csv, row, "cde"), owner, pattern,
                    csv.get(row, "description")));
        }
        AttributeCatalog catalog = new AttributeCatalog(attributes);
        catalog.key();
        return catalog;
    }

    private static String nonBlank(CsvTable csv, int row, String column) {
        String value = csv.get(row, column);
        if (value.isEmpty()) {
            throw invalid(csv.where(row, column) + " is empty");
        }
        if (column.equals("type") && ValueType.of(value).isEmpty()) {
            throw invalid(csv.where(row, column) + ": unknown type '" + value + "'; use one of string, code, integer, decimal, date");
        }
        return value;
    }

    private static boolean flag(CsvTable csv, int row, String column) {
        String value = csv.get(row, column).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "y", "yes", "true", "1" -> true;
            case "", "n", "no", "false", "0" -> false;
            default -> throw invalid(csv.where(row, column) + ": '" + value + "' is not a flag (Y or N)");
        };
    }

    private static ActivityFailure invalid(String message) {
        return ActivityFailure.nonRetryable("InvalidInput", message);
    }
}
