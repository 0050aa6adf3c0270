package dev.cadre.platform.host;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * How long each part of a host's start took, for the one INFO line that says where a slow start went.
 * Parts that run alongside others are timed on their own threads.
 */
final class StartupTimes {

    private final Map<String, Long> millis = new ConcurrentHashMap<>();
    private final java.util.List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Runs a part and keeps how long it took. */
    <T> T time(String part, Supplier<T> work) {
        long began = System.nanoTime();
        try {
            return work.get();
        } finally {
            millis.put(part, (System.nanoTime() - began) / 1_000_000);
            order.add(part);
        }
    }

    /** Keeps a part timed elsewhere. */
    void put(String part, long partMillis) {
        millis.put(part, partMillis);
        order.add(part);
    }

    /** @return "part N ms, ..." in the order the parts ended */
    @Override
    public String toString() {
        return order.stream().map(part -> part + " " + millis.get(part) + " ms").collect(Collectors.joining(", "));
    }
}
