package org.ntkexplorer.core.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every study the program knows, by id: the five built-in ones ({@link BuiltInStudies}) and any registered since.
 * The one place a study's definition is looked up; nothing else tests which study a spec runs.
 */
public final class Studies {
    private static final Map<String, StudyDefinition> BY_ID = new LinkedHashMap<>();

    static {
        BuiltInStudies.all().forEach(Studies::add);
    }

    private Studies() {
    }

    /**
     * Adds a study; closing the returned handle removes it again (tests add one for their own duration). Refuses an
     * id already taken.
     */
    public static synchronized AutoCloseable register(StudyDefinition d) {
        add(d);
        return () -> unregister(d);
    }

    private static synchronized void add(StudyDefinition d) {
        String id = d.study().id();
        if (BY_ID.containsKey(id)) {
            throw new IllegalArgumentException("a study named '" + id + "' is already registered");
        }
        BY_ID.put(id, d);
    }

    private static synchronized void unregister(StudyDefinition d) {
        BY_ID.remove(d.study().id(), d);
    }

    /** The definition of a study. */
    public static synchronized StudyDefinition of(Study s) {
        StudyDefinition d = BY_ID.get(s.id());
        if (d == null || d.study() != s) {
            throw new IllegalStateException("study '" + s.id() + "' has no registered definition");
        }
        return d;
    }

    static synchronized Optional<StudyDefinition> byId(String id) {
        return BY_ID.values().stream().filter(d -> d.study().id().equalsIgnoreCase(id)).findFirst();
    }

    /** Every definition, built-in ones first. */
    public static synchronized List<StudyDefinition> all() {
        return new ArrayList<>(BY_ID.values());
    }

    /** "scaling, pretrained, dynamics, width-sweep or richness", for messages. */
    static synchronized String idList() {
        List<String> ids = new ArrayList<>(BY_ID.keySet());
        if (ids.size() == 1) {
            return ids.get(0);
        }
        return String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.get(ids.size() - 1);
    }
}
