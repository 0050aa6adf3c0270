package dev.cadre.platform.text;

/**
 * Control characters in what people type: refused in input (a NUL in a business key or a path would reach
 * PostgreSQL, Temporal or the file system, which each treat it differently) and stripped from anything logged,
 * so a newline in a username cannot forge a log line.
 *
 * <p>A control character here is any of Unicode category Cc (C0, DEL, C1) plus the line and paragraph
 * separators U+2028 and U+2029, which some log viewers break lines on.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** @param text some text, or {@code null} @return whether it holds a control character, tab and line breaks included */
    public static boolean inLine(String text) {
        return firstIn(text, false) >= 0;
    }

    /**
     * @param text some text, or {@code null}
     * @return whether it holds a control character other than tab, line feed and carriage return (which
     *         multi-line text such as a comment or a document may hold)
     */
    public static boolean inText(String text) {
        return firstIn(text, true) >= 0;
    }

    /**
     * Where a JSON document holds a string or a name with a control character other than tab and line breaks.
     *
     * @param node a JSON document (a request body, an element of a parameter file)
     * @return the first such place as a JSON path ({@code items[2].note}; {@code ""} for the document itself, names made
     *         safe to log), or {@code null} when there is none
     */
    public static String pathIn(com.fasterxml.jackson.databind.JsonNode node) {
        java.util.Deque<String> steps = new java.util.ArrayDeque<>();
        if (!found(node, steps)) {
            return null;
        }
        // the steps are put together only for the one place found: every request body and file element is walked
        String path = String.join("", steps);
        return forLog(path.startsWith(".") ? path.substring(1) : path);
    }

    /** @return whether the node holds the character; if so, {@code steps} has its path ({@code .name}, {@code [i]}), outermost first */
    private static boolean found(com.fasterxml.jackson.databind.JsonNode node, java.util.Deque<String> steps) {
        if (node.isTextual()) {
            return inText(node.textValue());
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (found(node.get(i), steps)) {
                    steps.addFirst("[" + i + "]");
                    return true;
                }
            }
        } else if (node.isObject()) {
            for (java.util.Iterator<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> field = fields.next();
                if (inText(field.getKey()) || found(field.getValue(), steps)) {
                    steps.addFirst("." + field.getKey());
                    return true;
                }
            }
        }
        return false;
    }

    /** @param text what a user typed, or {@code null} @return it with every control character as {@code \\uXXXX}, safe to log */
    public static String forLog(String text) {
        if (text == null || firstIn(text, false) < 0) {
            return text;
        }
        StringBuilder safe = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                safe.append(String.format("\\u%04x", (int) c));
            } else {
                safe.append(c);
            }
        }
        return safe.toString();
    }

    private static int firstIn(String text, boolean allowLineBreaks) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c) && !(allowLineBreaks && (c == '\t' || c == '\n' || c == '\r'))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isControl(char c) {
        return Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029';
    }
}
