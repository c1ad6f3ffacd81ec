package org.ntkexplorer.core.experiment.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;

/**
 * Run folders written by earlier versions. Tables are read by column name, so added columns need nothing; the one
 * change that does is dynamics.csv from before it had an n column (all such runs were dynamics studies, whose n is
 * the first of the grid), which is rewritten with it.
 */
final class LegacyLayouts {
    private LegacyLayouts() {
    }

    static void upgrade(RunFolder folder, ExperimentSpec spec) throws IOException {
        Path p = folder.table(DynamicsRow.SCHEMA).path();
        if (!Files.exists(p)) {
            return;
        }
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("seed,epoch,")) {
            return;
        }
        int n = spec.nGrid()[0];
        List<String> out = new ArrayList<>();
        out.add("seed,n," + lines.get(0).substring("seed,".length()));
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                int comma = line.indexOf(',');
                out.add(line.substring(0, comma) + "," + n + line.substring(comma));
            }
        }
        Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
        Files.write(tmp, out, StandardCharsets.UTF_8);
        Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        // The by-name reader now sees an n column; writing the rows back puts the file in today's layout.
        folder.table(DynamicsRow.SCHEMA).rewrite(folder.table(DynamicsRow.SCHEMA).read());
        folder.log("upgraded dynamics.csv to the layout with an n column");
    }
}
