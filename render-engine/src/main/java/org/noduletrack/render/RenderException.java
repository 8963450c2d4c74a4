package org.noduletrack.render;

import java.io.IOException;

/**
 * The render-engine's checked exception: a series that cannot be assembled into a volume (unreadable slices, no usable
 * geometry) or a rendering context that cannot be created. Bugs stay unchecked.
 */
public class RenderException extends IOException {
    public RenderException(String message) {
        super(message);
    }

    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
