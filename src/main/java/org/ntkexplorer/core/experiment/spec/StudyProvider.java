package org.ntkexplorer.core.experiment.spec;

import java.util.List;

/**
 * A source of studies, found with {@link java.util.ServiceLoader} (a line naming the class in
 * META-INF/services/org.ntkexplorer.core.experiment.spec.StudyProvider). The built-in studies come this way, so the
 * spec, which looks studies up, does not depend on the package that defines them; a jar on the class path can add
 * studies the same way. Needs a public constructor without arguments.
 */
public interface StudyProvider {

    /** The studies it defines, in the order menus list them. */
    List<? extends StudyRules> studies();
}
