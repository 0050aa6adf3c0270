package dev.cadre.plugins.testing;

import dev.cadre.plugins.support.ValueType;
import java.math.BigDecimal;

/**
 * Compares a report value with an evidence value after normalising both by the attribute's type
 * ({@link ValueType#normalise}); everything but decimals must be equal in normal form, and a blank
 * value only equals a blank value. Decimals may differ by the configured tolerance; without one, by
 * half a unit of the report value's last digit: a source system that keeps more digits than the
 * report ({@code 1234.5650} vs {@code 1234.57}) agrees, any real difference does not.
 */
final class ValueComparison {

    /** The verdict and, for a failure, why. */
    record Verdict(boolean passed, String detail) {
    }

    private final BigDecimal tolerance;

    /** @param tolerance the largest accepted difference of decimals, or {@code null} for half a unit of the report's last digit */
    ValueComparison(BigDecimal tolerance) {
        this.tolerance = tolerance;
    }

    Verdict compare(ValueType type, String reportValue, String evidenceValue) {
        Object report = type.normalise(reportValue);
        Object evidence = type.normalise(evidenceValue);
        if ("".equals(report) && "".equals(evidence)) {
            return new Verdict(true, "");
        }
        if ("".equals(report) || "".equals(evidence)) {
            return new Verdict(false, "".equals(report) ? "report value missing" : "evidence value missing");
        }
        if (type == ValueType.DECIMAL && report instanceof BigDecimal r && evidence instanceof BigDecimal e) {
            BigDecimal difference = r.subtract(e).abs();
            BigDecimal allowed = tolerance != null ? tolerance : halfUnitOf(reportValue);
            return difference.compareTo(allowed) <= 0
                    ? new Verdict(true, "")
                    : new Verdict(false, "differs by " + difference.toPlainString() + " (tolerance " + allowed.toPlainString() + ")");
        }
        if (report.equals(evidence)) {
            return new Verdict(true, "");
        }
        return new Verdict(false, report.getClass() == evidence.getClass() ? "values differ" : "values differ (one does not parse as " + type.label() + ")");
    }

    private static BigDecimal halfUnitOf(String reportValue) {
        int scale = Math.max(0, new BigDecimal(reportValue.trim().replace(",", "")).scale());
        return BigDecimal.ONE.movePointLeft(scale).divide(BigDecimal.valueOf(2));
    }
}
