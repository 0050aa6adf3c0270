package dev.cadre.plugins.planning;

import dev.cadre.plugins.support.Hashing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a stratified random sample: one stratum per data owner, each a simple random sample without
 * replacement of {@code perOwner} report keys. Each owner's draw is seeded by the workflow seed and the
 * owner's name, so adding an owner never changes the others' samples, and the population is sorted
 * first, so the report's row order does not matter.
 */
final class SampleSelector {

    private SampleSelector() {
    }

    /**
     * @param population the distinct report keys
     * @param owners     the strata
     * @param seed       the workflow's sampling seed
     * @param perOwner   the sample size of each stratum (all keys when the population is smaller)
     * @return owner to its sampled keys, sorted; owners in the given order
     */
    static Map<String, List<String>> select(List<String> population, List<String> owners, long seed, int perOwner) {
        List<String> sorted = population.stream().sorted().toList();
        Map<String, List<String>> samples = new LinkedHashMap<>();
        for (String owner : owners) {
            SeededRandom random = new SeededRandom(seed ^ Hashing.seedOf("owner:" + owner));
            List<String> pool = new ArrayList<>(sorted);
            int n = Math.min(perOwner, pool.size());
            for (int i = 0; i < n; i++) { // partial Fisher-Yates: the first n slots are the sample
                int j = i + random.nextInt(pool.size() - i);
                String swap = pool.get(i);
                pool.set(i, pool.get(j));
                pool.set(j, swap);
            }
            samples.put(owner, pool.subList(0, n).stream().sorted().toList());
        }
        return samples;
    }
}
