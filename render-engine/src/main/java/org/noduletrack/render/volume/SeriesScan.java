package org.noduletrack.render.volume;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a folder (or file list) holds, as stacks that can each become a volume, largest first.
 *
 * @param unreadableFiles files that are not DICOM or could not be parsed
 * @param excluded        images left out of every stack, with reasons
 */
public record SeriesScan(List<SliceStack> stacks, int unreadableFiles, List<AssemblyIssue> excluded) {
    public SeriesScan {
        stacks = stacks.stream().sorted(Comparator.comparingInt(SliceStack::size).reversed()).toList();
        excluded = List.copyOf(excluded);
    }

    /** The stack with the most slices among those of a modality (e.g. "CT"). */
    public Optional<SliceStack> largestStack(String modality) {
        return stacks.stream().filter(s -> s.modality().equalsIgnoreCase(modality)).findFirst();
    }

    public Optional<SliceStack> largestStack() { return stacks.stream().findFirst(); }

    public List<SliceStack> stacksOfSeries(String seriesUid) {
        return stacks.stream().filter(s -> s.seriesUid().equals(seriesUid)).toList();
    }
}
