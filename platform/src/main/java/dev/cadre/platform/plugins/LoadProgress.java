package dev.cadre.platform.plugins;

/**
 * What one plugin load is doing now, written by the loader thread and read by the thread that waits for
 * it, so a load that runs out of time can say where it was stuck.
 */
final class LoadProgress {

    private static final String[] HOST_PACKAGES = {"java.", "javax.", "jdk.", "sun.", "com.sun.", "org.pf4j.",
            "dev.cadre.platform."};

    private volatile String step = "opening the JAR";
    private volatile Thread thread;

    /** @param now what the load does from now on, e.g. {@code creating handler class com.example.Foo} */
    void at(String now) {
        step = now;
    }

    String step() {
        return step;
    }

    void runningOn(Thread loaderThread) {
        thread = loaderThread;
    }

    /**
     * @return the innermost frame of plugin code on the loader thread's stack (not the JDK, PF4J or the
     *         host), e.g. {@code com.example.SlowHandler.<init>}, or {@code null}
     */
    String pluginFrame() {
        Thread current = thread;
        if (current == null) {
            return null;
        }
        for (StackTraceElement frame : current.getStackTrace()) {
            if (!hostCode(frame.getClassName())) {
                return frame.getClassName() + "." + frame.getMethodName();
            }
        }
        return null;
    }

    private static boolean hostCode(String className) {
        for (String prefix : HOST_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
