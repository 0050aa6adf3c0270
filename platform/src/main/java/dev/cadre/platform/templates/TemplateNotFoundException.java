package dev.cadre.platform.templates;

/** No template of that code (and version) is stored. */
public class TemplateNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final Integer version;

    /**
     * @param code    the template code asked for
     * @param version the version asked for, or {@code null} for "any"/"the current one"
     * @param what    what was looked for, e.g. "no published version"
     */
    public TemplateNotFoundException(String code, Integer version, String what) {
        super(what);
        this.code = code;
        this.version = version;
    }

    /** @return the code asked for */
    public String code() {
        return code;
    }

    /** @return the version asked for, or {@code null} */
    public Integer version() {
        return version;
    }
}
