package dev.cadre.plugins.planning;

import dev.cadre.plugins.support.Attribute;
import dev.cadre.plugins.support.AttributeCatalog;
import dev.cadre.plugins.support.CsvTable;
import dev.cadre.plugins.support.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/** Profiles every column of a report against the data dictionary and lists the anomalies. */
final class ReportProfiler {

    private final AttributeCatalog catalog;
    private final double maxNullRate;

    ReportProfiler(AttributeCatalog catalog, double maxNullRate) {
        this.catalog = catalog;
        this.maxNullRate = maxNullRate;
    }

    /** The profiles of the report's columns (in report order) and the anomalies found. */
    record Result(List<ColumnProfile> columns, List<Anomaly> anomalies) {
    }

    Result profile(CsvTable report, IntConsumer progress) {
        List<ColumnProfile> columns = new ArrayList<>();
        for (String column : report.header()) {
            Optional<Attribute> attribute = catalog.get(column);
            columns.add(new ColumnProfile(column, attribute.map(Attribute::type).orElse(ValueType.STRING),
                    attribute.map(Attribute::pattern).orElse("")));
        }
        for (int row = 0; row < report.size(); row++) {
            for (ColumnProfile column : columns) {
                column.add(report.get(row, column.name), report.line(row));
            }
            if ((row + 1) % 1000 == 0) {
                progress.accept(row + 1);
            }
        }
        List<Anomaly> anomalies = new ArrayList<>();
        for (Attribute attribute : catalog.all()) {
            if (!report.has(attribute.name())) {
                anomalies.add(new Anomaly(attribute.name(), "MISSING_COLUMN", report.size(), List.of(),
                        attribute.name() + ": in the data dictionary but not a column of " + report.source()));
            }
        }
        for (ColumnProfile column : columns) {
            anomalies.addAll(anomaliesOf(column, catalog.get(column.name)));
        }
        return new Result(columns, anomalies);
    }

    private List<Anomaly> anomaliesOf(ColumnProfile c, Optional<Attribute> attribute) {
        List<Anomaly> found = new ArrayList<>();
        if (attribute.isEmpty()) {
            found.add(new Anomaly(c.name, "UNDOCUMENTED_COLUMN", c.rows, List.of(),
                    c.name + ": column not in the data dictionary"));
            return found;
        }
        if (c.typeViolations > 0) {
            found.add(new Anomaly(c.name, "TYPE", c.typeViolations, c.typeLines(),
                    c.name + ": " + c.typeViolations + " value(s) not of type " + c.type.label()));
        }
        if (c.patternViolations > 0) {
            found.add(new Anomaly(c.name, "PATTERN", c.patternViolations, c.patternLines(),
                    c.name + ": " + c.patternViolations + " value(s) not matching " + attribute.get().pattern()));
        }
        if (attribute.get().key()) {
            if (c.nulls > 0) {
                found.add(new Anomaly(c.name, "KEY_NULL", c.nulls, c.nullLines(), c.name + ": " + c.nulls + " empty key(s)"));
            }
            if (c.duplicates > 0) {
                found.add(new Anomaly(c.name, "KEY_DUPLICATE", c.duplicates, c.duplicateLines(),
                        c.name + ": " + c.duplicates + " duplicate key(s)"));
            }
        } else if (c.nullRate() > maxNullRate) {
            found.add(new Anomaly(c.name, "NULL_RATE", c.nulls, c.nullLines(),
                    c.name + ": null rate " + c.nullRate() + " above " + maxNullRate));
        }
        return found;
    }
}
