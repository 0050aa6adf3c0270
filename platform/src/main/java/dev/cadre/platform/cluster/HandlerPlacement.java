package dev.cadre.platform.cluster;

import dev.cadre.platform.templates.ActivityTemplate;
import dev.cadre.platform.templates.PhaseTemplate;
import dev.cadre.platform.templates.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where the handlers of a template's automated steps are loaded among the live hosts, checked when a
 * template is validated or published: a step whose handler no live host has would wait forever.
 *
 * @param step       the activity's code
 * @param path       its path in the document ({@code phases[0].activities[2]})
 * @param handler    its handler
 * @param hostsWith  the live hosts that have the handler loaded
 * @param liveHosts  every live host
 */
public record HandlerPlacement(String step, String path, String handler, List<String> hostsWith, List<String> liveHosts) {

    /** Copies the lists. */
    public HandlerPlacement {
        hostsWith = List.copyOf(hostsWith);
        liveHosts = List.copyOf(liveHosts);
    }

    /** @return whether no live host has the handler */
    public boolean nowhere() {
        return hostsWith.isEmpty();
    }

    /** @return whether some live hosts have it and others do not */
    public boolean partial() {
        return !hostsWith.isEmpty() && hostsWith.size() < liveHosts.size();
    }

    /** @return a sentence naming the step, the handler and the hosts */
    public String describe() {
        return nowhere()
                ? "step " + step + " (" + path + "): no live host has handler " + handler + " (live hosts: "
                        + (liveHosts.isEmpty() ? "none" : String.join(", ", liveHosts)) + ")"
                : "step " + step + " (" + path + "): handler " + handler + " is loaded on " + hostsWith.size() + " of "
                        + liveHosts.size() + " live hosts (" + String.join(", ", hostsWith) + ")";
    }

    /**
     * @param template a template
     * @param hosts    the cluster's hosts
     * @param builtins the built-in handler names (every host has them)
     * @return one placement per automated step with a plugin handler, in document order
     */
    public static List<HandlerPlacement> of(Template template, List<ClusterHost> hosts, Set<String> builtins) {
        List<ClusterHost> live = hosts.stream().filter(ClusterHost::live).toList();
        List<String> liveNames = live.stream().map(HandlerPlacement::name).toList();
        List<HandlerPlacement> all = new ArrayList<>();
        List<PhaseTemplate> phases = template.phases() == null ? List.of() : template.phases();
        for (int p = 0; p < phases.size(); p++) {
            List<ActivityTemplate> activities = phases.get(p).activities() == null ? List.of() : phases.get(p).activities();
            for (int a = 0; a < activities.size(); a++) {
                ActivityTemplate activity = activities.get(a);
                if (activity.manual() || activity.handler() == null || builtins.contains(activity.handler())) {
                    continue;
                }
                List<String> with = live.stream().filter(host -> host.handlers().contains(activity.handler()))
                        .map(HandlerPlacement::name).toList();
                all.add(new HandlerPlacement(activity.code(), "phases[" + p + "].activities[" + a + "]", activity.handler(), with, liveNames));
            }
        }
        return all;
    }

    private static String name(ClusterHost host) {
        return host.hostName() + " (" + host.id() + ")";
    }
}
