package org.ntkexplorer.ui.form;

/** What each field does, for its tooltip: the help of its key in the spec's table of fields. */
final class FieldHelp {
    private FieldHelp() {
    }

    static String of(FormField f) {
        if (f == FormField.BUDGET) {
            return "How long each network trains: epochs (fewer steps for small n), a step budget (the same at every "
                    + "n), or until a training target is met, with a step cap";
        }
        return f.field().help().isBlank() ? f.label() : f.field().help();
    }
}
