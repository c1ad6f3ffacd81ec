package org.ntkexplorer.core.experiment;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One key of a spec, described once: its name, the part of the spec it belongs to, what its value is, its default,
 * how it is read from JSON (with the range it must lie in, which gives its refusal messages), how it is written to
 * spec.json, and how the form shows it. {@link SpecFields} holds every one; the reader, {@code toMap}, the defaults,
 * the form's field list and the command line's option defaults are all taken from there, so that a key is spelled
 * in one place.
 *
 * @param <T> the value's type in the spec
 */
public final class SpecField<T> {
    /** The part of the spec a key belongs to (a sub-spec of {@link ExperimentSpec}). */
    public enum Part { STUDY, DATA, NETWORK, TRAINING, KERNEL, STUDY_PARAMS }

    /** What a value is written as, which is also what a form field's text must parse as. */
    public enum Kind { TEXT, CHOICE, FLAG, WHOLE, NUMBER, WHOLE_LIST, NUMBER_LIST, CHOICE_LIST, OBJECT }

    /** Reads the field's value from the JSON being read, recording problems with the reader; never throws. */
    @FunctionalInterface
    interface Reading<T> {
        T read(SpecReader r);
    }

    /** What a field writes when {@link ExperimentSpec#toMap()} leaves it out. */
    static final Object OMIT = new Object();

    private final String key;
    private final Part part;
    private final Kind kind;
    private final T fallback;
    private final Reading<T> reading;
    private final Function<ExperimentSpec, T> getter;
    private final Function<ExperimentSpec, Object> writing;
    private final Function<T, String> text;
    private final Form form;

    /** How the form shows a field; null for a key the form has no field of its own for. */
    record Form(String label, String help, boolean advanced, boolean perStudy) {
    }

    SpecField(String key, Part part, Kind kind, T fallback, Reading<T> reading, Function<ExperimentSpec, T> getter,
              Function<ExperimentSpec, Object> writing, Function<T, String> text, Form form) {
        this.key = key;
        this.part = part;
        this.kind = kind;
        this.fallback = fallback;
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

    public Part part() {
        return part;
    }

    public Kind kind() {
        return kind;
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

    /** Whether the form puts the field in its Advanced section. */
    public boolean advanced() {
        return form != null && form.advanced();
    }

    /** Whether only some studies read the key ({@link StudyDefinition#keys()} names those each reads). */
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

    /** The value written to spec.json, or {@link #OMIT}. */
    Object write(ExperimentSpec spec) {
        return writing.apply(spec);
    }

    /** The same field shown on the form with this label and help. */
    SpecField<T> form(String label, String help) {
        return new SpecField<>(key, part, kind, fallback, reading, getter, writing, text, new Form(label, help, false, false));
    }

    /** The same field in the form's Advanced section. */
    SpecField<T> inAdvanced() {
        return new SpecField<>(key, part, kind, fallback, reading, getter, writing, text,
                new Form(form.label(), form.help(), true, form.perStudy()));
    }

    /** The same field, read by some studies only. */
    SpecField<T> forSomeStudies() {
        return new SpecField<>(key, part, kind, fallback, reading, getter, writing, text,
                new Form(form.label(), form.help(), form.advanced(), true));
    }

    /** The same field, read another way (a default or a check that depends on other keys). */
    SpecField<T> readAs(Reading<T> other) {
        return new SpecField<>(key, part, kind, fallback, other, getter, writing, text, form);
    }

    /** The same field, written only when {@code when} holds. */
    SpecField<T> writtenWhen(Predicate<ExperimentSpec> when) {
        Function<ExperimentSpec, Object> w = writing;
        return new SpecField<>(key, part, kind, fallback, reading, getter, s -> when.test(s) ? w.apply(s) : OMIT, text,
                form);
    }

    /** The same field, written as {@code writer} gives it. */
    SpecField<T> writtenAs(Function<ExperimentSpec, Object> writer) {
        return new SpecField<>(key, part, kind, fallback, reading, getter, writer, text, form);
    }

    // Factories, one per kind of value: each reads with the reader's helper for that kind, so that its refusals are
    // worded alike ("width must be at least 1 (got 0)").

    static SpecField<Integer> whole(String key, Part part, int fallback, int min,
                                    Function<ExperimentSpec, Integer> get) {
        return new SpecField<>(key, part, Kind.WHOLE, fallback, r -> r.integer(key, fallback, min), get, get::apply,
                String::valueOf, null);
    }

    /** A finite number ≥ min ({@code minAllowed}) or > min. */
    static SpecField<Double> number(String key, Part part, double fallback, double min, boolean minAllowed,
                                    Function<ExperimentSpec, Double> get) {
        return new SpecField<>(key, part, Kind.NUMBER, fallback, r -> r.number(key, fallback, min, minAllowed),
                get, get::apply, String::valueOf, null);
    }

    static <E> SpecField<E> choice(String key, Part part, E fallback, Function<String, E> parse, Function<E, String> id,
                                   Function<ExperimentSpec, E> get) {
        return new SpecField<>(key, part, Kind.CHOICE, fallback, r -> r.named(key, fallback, parse), get,
                s -> id.apply(get.apply(s)), id, null);
    }

    static SpecField<Boolean> flag(String key, Part part, boolean fallback, Function<ExperimentSpec, Boolean> get) {
        return new SpecField<>(key, part, Kind.FLAG, fallback, r -> r.has(key) ? r.bool(key) : fallback, get,
                get::apply,
                String::valueOf, null);
    }

    static SpecField<String> text(String key, Part part, String fallback, Function<ExperimentSpec, String> get) {
        return new SpecField<>(key, part, Kind.TEXT, fallback, r -> r.text(key, fallback), get, get::apply,
                s -> s, null);
    }

    static SpecField<int[]> wholes(String key, Part part, int[] fallback, int min,
                                   Function<ExperimentSpec, int[]> get) {
        return new SpecField<>(key, part, Kind.WHOLE_LIST, fallback.clone(), r -> r.ints(key, fallback.clone(), min),
                get, get::apply, v -> v == null ? "" : java.util.Arrays.toString(v), null);
    }

    /** A list of positive finite numbers, empty when left out. */
    static SpecField<double[]> positives(String key, Part part, Function<ExperimentSpec, double[]> get) {
        return new SpecField<>(key, part, Kind.NUMBER_LIST, new double[0], r -> r.positives(key), get, get::apply,
                java.util.Arrays::toString, null);
    }

    /** A key read and written by hand (a list of choices, an object); its kind says what its value is written as. */
    static <V> SpecField<V> custom(String key, Part part, Kind kind, V fallback, Reading<V> reading,
                                   Function<ExperimentSpec, V> getter, Function<ExperimentSpec, Object> writing) {
        return new SpecField<>(key, part, kind, fallback, reading, getter, writing, String::valueOf, null);
    }

    @Override
    public String toString() {
        return key;
    }
}
