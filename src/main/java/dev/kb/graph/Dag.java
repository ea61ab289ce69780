package dev.kb.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/** A directed acyclic graph over string ids: edges are refused when they would close a cycle. */
final class Dag {
    private final Map<String, Set<String>> out = new HashMap<>();
    private final Map<String, Set<String>> in = new HashMap<>();

    /** Adds from → to unless it would close a cycle; returns whether it was added. */
    boolean addIfAcyclic(String from, String to) {
        if (from.equals(to) || reaches(to, from)) {
            return false;
        }
        out.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
        in.computeIfAbsent(to, k -> new LinkedHashSet<>()).add(from);
        return true;
    }

    boolean reaches(String from, String to) {
        return closure(from, out).contains(to);
    }

    Set<String> ancestors(String id) {
        Set<String> result = closure(id, in);
        result.remove(id);
        return result;
    }

    private static Set<String> closure(String start, Map<String, Set<String>> edges) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.push(start);
        seen.add(start);
        while (!todo.isEmpty()) {
            for (String next : edges.getOrDefault(todo.pop(), Set.of())) {
                if (seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return seen;
    }

    Set<String> descendants(String id) {
        Set<String> result = closure(id, out);
        result.remove(id);
        return result;
    }

    /** The edges no other path implies: the transitive reduction, for display. */
    List<List<String>> reduction() {
        List<List<String>> kept = new ArrayList<>();
        out.forEach((from, targets) -> {
            for (String to : targets) {
                if (!reachableAvoiding(from, to)) {
                    kept.add(List.of(from, to));
                }
            }
        });
        return kept;
    }

    /** Whether {@code to} is reachable from {@code from} without taking the direct edge. */
    private boolean reachableAvoiding(String from, String to) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (String next : out.getOrDefault(from, Set.of())) {
            if (!next.equals(to) && seen.add(next)) {
                todo.push(next);
            }
        }
        while (!todo.isEmpty()) {
            String node = todo.pop();
            if (node.equals(to)) {
                return true;
            }
            for (String next : out.getOrDefault(node, Set.of())) {
                if (seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return false;
    }

    /** Kahn's algorithm over the given nodes; among the ready nodes the smallest by {@code order} goes first. */
    List<String> topologicalOrder(Collection<String> nodes, Comparator<String> order) {
        Set<String> members = new HashSet<>(nodes);
        Map<String, Integer> pending = new HashMap<>();
        for (String node : members) {
            int count = 0;
            for (String parent : in.getOrDefault(node, Set.of())) {
                if (members.contains(parent)) {
                    count++;
                }
            }
            pending.put(node, count);
        }
        PriorityQueue<String> ready = new PriorityQueue<>(order);
        pending.forEach((node, count) -> {
            if (count == 0) {
                ready.add(node);
            }
        });
        List<String> result = new ArrayList<>();
        while (!ready.isEmpty()) {
            String node = ready.poll();
            result.add(node);
            for (String child : out.getOrDefault(node, Set.of())) {
                if (members.contains(child) && pending.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
        return result;
    }
}
