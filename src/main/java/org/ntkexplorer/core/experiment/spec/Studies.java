package org.ntkexplorer.core.experiment.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every study the program knows, by id: those of each {@link StudyProvider} on the class path (the five built-in
 * ones first) and any registered since. The one place a study is looked up; nothing else tests which study a spec
 * runs. A study is held by its rules; each layer asks for the side it needs ({@link #of(Study, Class)}).
 */
public final class Studies {
    private static final Map<String, StudyRules> BY_ID = new LinkedHashMap<>();

    static {
        for (StudyProvider p : ServiceLoader.load(StudyProvider.class, Studies.class.getClassLoader())) {
            p.studies().forEach(Studies::add);
        }
    }

    private Studies() {
    }

    /**
     * Adds a study; closing the returned handle removes it again (tests add one for their own duration). Refuses an
     * id already taken.
     */
    public static synchronized AutoCloseable register(StudyRules d) {
        add(d);
        return () -> unregister(d);
    }

    private static synchronized void add(StudyRules d) {
        String id = d.study().id();
        if (BY_ID.containsKey(id)) {
            throw new IllegalArgumentException("a study named '" + id + "' is already registered");
        }
        BY_ID.put(id, d);
    }

    private static synchronized void unregister(StudyRules d) {
        BY_ID.remove(d.study().id(), d);
    }

    /** The rules of a study. */
    public static synchronized StudyRules of(Study s) {
        StudyRules d = BY_ID.get(s.id());
        if (d == null || d.study() != s) {
            throw new IllegalStateException("study '" + s.id() + "' has no registered definition");
        }
        return d;
    }

    /** One side of a study (StoredStudy, StudyDefinition); a study registered without it is refused. */
    public static <T extends StudyRules> T of(Study s, Class<T> side) {
        StudyRules d = of(s);
        if (!side.isInstance(d)) {
            throw new IllegalStateException("study '" + s.id() + "' is registered without a " + side.getSimpleName()
                    + "; register its full definition");
        }
        return side.cast(d);
    }

    static synchronized Optional<StudyRules> byId(String id) {
        return BY_ID.values().stream().filter(d -> d.study().id().equalsIgnoreCase(id)).findFirst();
    }

    /** Every definition, built-in ones first. */
    public static synchronized List<StudyRules> all() {
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
