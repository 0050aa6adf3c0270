package dev.cadre.plugins.planning;

/**
 * SplitMix64: a tiny generator whose every output is fixed by its seed, on any JVM and Java version
 * (unlike {@code SplittableRandom} or {@code Collections.shuffle}, whose algorithms the JDK may
 * change). Reproducible samples depend on that.
 */
final class SeededRandom {

    private long state;

    SeededRandom(long seed) {
        this.state = seed;
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * @return a number in [0, bound); the modulo bias is below bound / 2^63, far below anything a
     *         sample of report rows could show
     */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return (int) ((nextLong() >>> 1) % bound);
    }
}
