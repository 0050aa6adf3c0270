package dev.cadre.plugins.planning.samples;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The synthetic loans report and its data dictionary. {@link Random} is used on purpose: its algorithm
 * is fixed by the Java specification, so the same seed gives the same report on every JVM.
 */
final class SyntheticReport {

    static final int ROWS = 3000;
    static final List<String> DICTIONARY_HEADER = List.of("field", "type", "key", "cde", "owner", "pattern", "description");
    static final List<List<String>> DICTIONARY = List.of(
            List.of("loan_id", "string", "Y", "Y", "loan-origination", "LN-[0-9]{6}", "Loan identifier"),
            List.of("customer_id", "string", "N", "N", "loan-origination", "CU-[0-9]{6}", "Borrower identifier"),
            List.of("product_code", "code", "N", "Y", "loan-origination", "MTG|AUTO|PERS|CARD", "Product type"),
            List.of("branch_code", "string", "N", "N", "loan-origination", "BR[0-9]{3}", "Originating branch"),
            List.of("origination_date", "date", "N", "Y", "loan-origination", "", "Date the loan was booked"),
            List.of("original_amount", "decimal", "N", "Y", "loan-origination", "", "Principal at origination"),
            List.of("term_months", "integer", "N", "N", "loan-origination", "", "Contractual term"),
            List.of("interest_rate", "decimal", "N", "Y", "loan-servicing", "", "Current annual rate, percent"),
            List.of("outstanding_balance", "decimal", "N", "Y", "loan-servicing", "", "Principal outstanding at period end"),
            List.of("next_payment_date", "date", "N", "N", "loan-servicing", "", "Next scheduled payment (empty when none)"),
            List.of("days_past_due", "integer", "N", "Y", "loan-servicing", "", "Days the oldest instalment is overdue"),
            List.of("payment_frequency", "code", "N", "N", "loan-servicing", "M|Q", "Monthly or quarterly"),
            List.of("risk_grade", "code", "N", "Y", "credit-risk", "[A-E]", "Internal rating grade"),
            List.of("probability_of_default", "decimal", "N", "Y", "credit-risk", "", "12-month PD"),
            List.of("collateral_value", "decimal", "N", "N", "credit-risk", "", "Latest collateral valuation (empty when unsecured)"));
    static final List<String> HEADER = DICTIONARY.stream().map(f -> f.get(0)).toList();

    /** Rows where profiling must find something: branch codes breaking the pattern, collateral that is not a number. */
    static final int[] BAD_BRANCH_ROWS = {211, 977, 1630, 2555};
    static final int[] BAD_COLLATERAL_ROWS = {88, 640, 1402, 2019, 2871};

    private static final String[] PRODUCTS = {"MTG", "AUTO", "PERS", "CARD"};
    private static final String GRADES = "ABCDE";

    private SyntheticReport() {
    }

    static List<List<String>> rows() {
        Random random = new Random(20260930L);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            String product = PRODUCTS[weighted(random, 30, 30, 25, 15)];
            long amountCents = switch (product) {
                case "MTG" -> between(random, 100_000, 900_000) * 100;
                case "AUTO" -> between(random, 5_000, 60_000) * 100 + random.nextInt(100);
                case "PERS" -> between(random, 1_000, 40_000) * 100 + random.nextInt(100);
                default -> between(random, 500, 20_000) * 100;
            };
            int term = switch (product) {
                case "MTG" -> 180 + 60 * random.nextInt(4);
                case "AUTO" -> 36 + 12 * random.nextInt(4);
                case "PERS" -> 12 * between(random, 1, 5);
                default -> 12;
            };
            LocalDate originated = LocalDate.of(2015, 1, 1).plusDays(random.nextInt(4200));
            int rateBasis = switch (product) {
                case "MTG" -> between(random, 250, 650);
                case "AUTO" -> between(random, 400, 900);
                case "PERS" -> between(random, 600, 1600);
                default -> between(random, 1500, 2499);
            };
            long balanceCents = amountCents * between(random, 5, 100) / 100;
            boolean paidUp = random.nextInt(100) < 3;
            int grade = weighted(random, 20, 35, 25, 15, 5);
            int dpd = grade >= 3 && random.nextInt(3) == 0 ? between(random, 1, 120) : 0;
            int pdBasisPoints = (int) Math.round(Math.pow(2.6, grade) * 12) + random.nextInt(10);
            String collateral = switch (product) {
                case "MTG" -> money(amountCents * between(random, 110, 160) / 100);
                case "AUTO" -> money(amountCents * between(random, 70, 100) / 100);
                default -> "";
            };
            String branch = String.format("BR%03d", between(random, 1, 40));
            rows.add(new ArrayList<>(List.of(
                    String.format("LN-%06d", 100_001 + i),
                    String.format("CU-%06d", between(random, 1, 999_999)),
                    product,
                    branch,
                    originated.toString(),
                    money(amountCents),
                    String.valueOf(term),
                    BigDecimal.valueOf(rateBasis, 2).toPlainString(),
                    money(balanceCents),
                    paidUp ? "" : LocalDate.of(2026, 10, 1).plusDays(random.nextInt(28)).toString(),
                    String.valueOf(dpd),
                    random.nextInt(10) == 0 ? "Q" : "M",
                    String.valueOf(GRADES.charAt(grade)),
                    BigDecimal.valueOf(pdBasisPoints, 4).toPlainString(),
                    collateral)));
        }
        for (int row : BAD_BRANCH_ROWS) {
            rows.get(row).set(HEADER.indexOf("branch_code"), rows.get(row).get(HEADER.indexOf("branch_code")).toLowerCase());
        }
        for (int row : BAD_COLLATERAL_ROWS) {
            rows.get(row).set(HEADER.indexOf("collateral_value"), row % 2 == 0 ? "N/A" : "tbc");
        }
        return rows;
    }

    static String money(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    private static int between(Random random, int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    private static int weighted(Random random, int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        throw new IllegalStateException();
    }
}
