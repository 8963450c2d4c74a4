package org.noduletrack.render.volume;

import java.util.List;

/**
 * Everything decided from headers alone, before any pixel is read: the output grid, how each output slice is made, the
 * common value scale, and what was detected.
 *
 * @param sources sorted by position along the normal, duplicates removed
 * @param recipes one per output slice (index = k)
 */
public record AssemblyPlan(SliceStack stack, List<SourceSlice> sources, VolumeGeometry geometry, ValueScale valueScale,
                           short backgroundStored, List<SliceRecipe> recipes, List<AssemblyIssue> issues) {
    public AssemblyPlan {
        sources = List.copyOf(sources);
        recipes = List.copyOf(recipes);
        issues = List.copyOf(issues);
        if (recipes.size() != geometry.extent().nz()) {
            throw new IllegalArgumentException(recipes.size() + " recipes for " + geometry.extent().nz() + " slices");
        }
    }

    /** True when some output slice is not a plain copy of an acquired one (gaps, irregular spacing, tilt). */
    public boolean resampled() { return recipes.stream().anyMatch(r -> !r.directCopy()); }

    public <T extends AssemblyIssue> List<T> issuesOf(Class<T> type) {
        return issues.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
