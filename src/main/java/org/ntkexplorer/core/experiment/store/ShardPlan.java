package org.ntkexplorer.core.experiment.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ntkexplorer.core.experiment.spec.UnitKey;

/**
 * Which units each shard of a run computes. Units are dealt out by decreasing cost (training-set size, then width)
 * in a snake order — 0, 1, …, N−1, N−1, …, 0, … — so that the large sizes spread over the shards and the shards
 * take similar time. The same spec and shard count always give the same plan.
 */
public final class ShardPlan {
    private ShardPlan() {
    }

    /** The shard (0 ≤ k < count) of each unit, in the order of {@code units}. */
    public static int[] assign(List<UnitKey> units, int count) {
        List<Integer> byCost = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            byCost.add(i);
        }
        byCost.sort(Comparator.comparingLong((Integer i) -> -(long) units.get(i).n() * units.get(i).width())
                .thenComparingInt(i -> i));
        int[] shard = new int[units.size()];
        for (int r = 0; r < byCost.size(); r++) {
            int round = r / count;
            int pos = r % count;
            shard[byCost.get(r)] = round % 2 == 0 ? pos : count - 1 - pos;
        }
        return shard;
    }

    /** The units of one shard, in run order; all of them for a whole run. */
    public static List<UnitKey> of(List<UnitKey> units, RunManifest.Shard shard) {
        if (shard == null) {
            return units;
        }
        int[] s = assign(units, shard.count());
        List<UnitKey> out = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            if (s[i] == shard.index()) {
                out.add(units.get(i));
            }
        }
        return out;
    }
}
