package dev.cadre.plugins.reporting;

/** Escaping for the two report formats written by hand: values come from uploads, so never trust them. */
final class Escape {

    private Escape() {
    }

    static String html(Object value) {
        String text = value == null ? "" : String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Escapes Markdown syntax and table pipes; line breaks become spaces so a value stays in its cell. */
    static String markdown(Object value) {
        String text = value == null ? "" : String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if ("\\`*_{}[]<>()#+!|~".indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else if (c == '\n' || c == '\r') {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
