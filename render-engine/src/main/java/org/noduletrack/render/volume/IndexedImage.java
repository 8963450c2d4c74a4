package org.noduletrack.render.volume;

import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * An image file as a library index lists it: where it is, its position along the slice normal (from its header at
 * import; empty without plane geometry) and its frame count. Lets a volume be planned from a few headers.
 */
public record IndexedImage(Path file, OptionalDouble positionMm, int frames) {
}
