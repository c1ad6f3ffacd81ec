package org.ntkexplorer.core.experiment.spec;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One key of a spec, described once: its name, its default, how it is read from JSON (with the range it must lie in,
 * which gives its refusal messages), how it is written to spec.json, and how the form shows it. {@link SpecFields}
 * holds every one; the reader, {@code toMap}, the defaults, the form's field list and the command line's option
 * defaults are all taken from there, so that a key is spelled in one place.
 *
 * @param <T> the value's type in the spec
 */
public final class SpecField<T> {
    /** Reads the field's value from the JSON being read, recording problems with the reader; never throws. */
    @FunctionalInterface
    interface Reading<T> {
        T read(SpecReader r);
    }

    /** Reads the key in the field's range, with a given default (the factory's reading, before any other). */
    @FunctionalInterface
    interface Ranged<T> {
        T read(SpecReader r, T fallback);
    }

    /** What a field writes when {@link ExperimentSpec#toMap()} leaves it out. */
    static final Object OMIT = new Object();

    private final String key;
    private final T fallback;
    private final Ranged<T> ranged;
    private final Reading<T> reading;
    private final Function<ExperimentSpec, T> getter;
    private final Function<ExperimentSpec, Object> writing;
    private final Function<T, String> text;
    private final Form form;

    /** How the form shows a field; null for a key the form has no field of its own for. */
    record Form(String label, String help, boolean perStudy) {
    }

    SpecField(String key, T fallback, Ranged<T> ranged, Reading<T> reading, Function<ExperimentSpec, T> getter,
              Function<ExperimentSpec, Object> writing, Function<T, String> text, Form form) {
        this.key = key;
        this.fallback = fallback;
        this.ranged = ranged;
        this.reading = reading;
        this.getter = getter;
        this.writing = writing;
        this.text = text;
        this.form = form;
    }

    /** The JSON key; a key inside an object key is written "trainUntil.trainError". */
    public String key() {
        return key;
    }

    /** The key's last part ("trainError" of "trainUntil.trainError"), as it is spelled inside its object. */
    public String name() {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    /**
     * The value a spec has when the key is left out. A few defaults depend on other keys (σ_w on init, centered on
     * richness, epochs on steps and trainUntil); this is the one of a spec that gives none of those.
     */
    public T defaultValue() {
        return fallback;
    }

    /** The default as a command line or a form writes it (an id for a choice). */
    public String defaultText() {
        return text(fallback);
    }

    /** The label the form shows; the key itself when the form has no field for it. */
    public String label() {
        return form == null ? key : form.label();
    }

    /** What the key does, in the user's words (the form's tooltip). */
    public String help() {
        return form == null ? "" : form.help();
    }

    /** Whether only some studies read the key ({@link StudyRules#keys()} names those each reads). */
    public boolean perStudy() {
        return form != null && form.perStudy();
    }

    /** The field's value in a spec. */
    public T get(ExperimentSpec spec) {
        return getter.apply(spec);
    }

    /** A value as a command line or a form writes it (an id for a choice). */
    public String text(T value) {
        return text.apply(value);
    }

    T read(SpecReader r) {
        return reading.read(r);
    }

    /**
     * The key read in the range its factory gives it, with its own default: what a reading that adds a check of its
     * own starts from, so that the range and the default are spelled once.
     */
    T readInRange(SpecReader r) {
        return readInRange(r, fallback);
    }

    /** The key read in its factory's range, with a default that depends on other keys. */
    T readInRange(SpecReader r, T otherDefault) {
        if (ranged == null) {
            throw new IllegalStateException(key + " is read by hand and has no range");
        }
        return ranged.read(r, otherDefault);
    }

    /** The value written to spec.json, or {@link #OMIT}. */
    Object write(ExperimentSpec spec) {
        return writing.apply(spec);
    }

    /** The same field shown on the form with this label and help. */
    SpecField<T> form(String label, String help) {
        return new SpecField<>(key, fallback, ranged, reading, getter, writing, text,
                new Form(label, help, false));
    }

    /** The same field, read by some studies only. */
    SpecField<T> forSomeStudies() {
        return new SpecField<>(key, fallback, ranged, reading, getter, writing, text,
                new Form(form.label(), form.help(), true));
    }

    /**
     * The same field as a study's own key ({@link StudyParams}): written only for a spec whose study holds it, so
     * that spec.json, and the seal of its run, carry no value the run does not read.
     */
    SpecField<T> studysOwn() {
        return writtenWhen(s -> s.params().holds(key));
    }

    /** The same field, read another way (a default or a check that depends on other keys). */
    SpecField<T> readAs(Reading<T> other) {
        return new SpecField<>(key, fallback, ranged, other, getter, writing, text, form);
    }

    /** The same field, written only when {@code when} holds. */
    SpecField<T> writtenWhen(Predicate<ExperimentSpec> when) {
        Function<ExperimentSpec, Object> w = writing;
        return new SpecField<>(key, fallback, ranged, reading, getter, s -> when.test(s) ? w.apply(s) : OMIT, text,
                form);
    }

    /** The same field, written as {@code writer} gives it. */
    SpecField<T> writtenAs(Function<ExperimentSpec, Object> writer) {
        return new SpecField<>(key, fallback, ranged, reading, getter, writer, text, form);
    }

    // Factories, one per kind of value: each reads with the reader's helper for that kind, so that its refusals are
    // worded alike ("width must be at least 1 (got 0)").

    private static <V> SpecField<V> ranged(String key, V fallback, Ranged<V> ranged, Function<ExperimentSpec, V> get,
                                           Function<ExperimentSpec, Object> writing, Function<V, String> text) {
        return new SpecField<>(key, fallback, ranged, r -> ranged.read(r, fallback), get, writing, text, null);
    }

    static SpecField<Integer> whole(String key, int fallback, int min, Function<ExperimentSpec, Integer> get) {
        return ranged(key, fallback, (r, fb) -> r.integer(key, fb, min), get, get::apply, String::valueOf);
    }

    /** A finite number ≥ min ({@code minAllowed}) or > min. */
    static SpecField<Double> number(String key, double fallback, double min, boolean minAllowed,
                                    Function<ExperimentSpec, Double> get) {
        return ranged(key, fallback, (r, fb) -> r.number(key, fb, min, minAllowed), get, get::apply,
                String::valueOf);
    }

    static <E> SpecField<E> choice(String key, E fallback, Function<String, E> parse, Function<E, String> id,
                                   Function<ExperimentSpec, E> get) {
        return ranged(key, fallback, (r, fb) -> r.named(key, fb, parse), get, s -> id.apply(get.apply(s)), id);
    }

    static SpecField<Boolean> flag(String key, boolean fallback, Function<ExperimentSpec, Boolean> get) {
        return ranged(key, fallback, (r, fb) -> r.has(key) ? r.bool(key) : fb, get, get::apply, String::valueOf);
    }

    static SpecField<String> text(String key, String fallback, Function<ExperimentSpec, String> get) {
        return ranged(key, fallback, (r, fb) -> r.text(key, fb), get, get::apply, s -> s);
    }

    static SpecField<int[]> wholes(String key, int[] fallback, int min, Function<ExperimentSpec, int[]> get) {
        return new SpecField<>(key, fallback.clone(), (r, fb) -> r.ints(key, fb.clone(), min),
                r -> r.ints(key, fallback.clone(), min), get, get::apply,
                v -> v == null ? "" : java.util.Arrays.toString(v), null);
    }

    /** A list of positive finite numbers, empty when left out. */
    static SpecField<double[]> positives(String key, Function<ExperimentSpec, double[]> get) {
        return new SpecField<>(key, new double[0], null, r -> r.positives(key), get, get::apply,
                java.util.Arrays::toString, null);
    }

    /**
     * A key of an object key (the stopping rule's, inside trainUntil): the object's reading checks and reads it and
     * the object's writing writes it, so on its own it reads as its default and writes nothing.
     */
    static <V> SpecField<V> inRule(SpecField<?> object, String name, V fallback, Function<ExperimentSpec, V> get) {
        return new SpecField<>(object.key() + "." + name, fallback, null, r -> fallback, get, s -> OMIT,
                String::valueOf, null);
    }

    /** A key read and written by hand (a list of choices, an object, a value with no range of its own). */
    static <V> SpecField<V> custom(String key, V fallback, Reading<V> reading, Function<ExperimentSpec, V> getter,
                                   Function<ExperimentSpec, Object> writing) {
        return new SpecField<>(key, fallback, null, reading, getter, writing, String::valueOf, null);
    }

    @Override
    public String toString() {
        return key;
    }
}
