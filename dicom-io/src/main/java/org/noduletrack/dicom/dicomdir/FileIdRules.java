package org.noduletrack.dicom.dicomdir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * PS3.10 8.2 / PS3.12 rules for File IDs on interchange media: at most 8 components, each 1 to 8 characters from
 * A-Z, 0-9 and underscore. Export code can check names with these before copying anything.
 */
public final class FileIdRules {
    public static final int MAX_COMPONENTS = 8;
    public static final int MAX_COMPONENT_LENGTH = 8;
    private static final Pattern COMPONENT = Pattern.compile("[A-Z0-9_]{1,8}");

    private FileIdRules() {}

    /** Why {@code components} is not a valid File ID, or empty if it is one. */
    public static Optional<String> problem(List<String> components) {
        if (components.isEmpty()) {
            return Optional.of("File ID has no components");
        }
        if (components.size() > MAX_COMPONENTS) {
            return Optional.of("File ID has " + components.size() + " components; at most " + MAX_COMPONENTS + " are allowed");
        }
        for (String c : components) {
            if (c.isEmpty() || c.length() > MAX_COMPONENT_LENGTH) {
                return Optional.of("component '" + c + "' has " + c.length() + " characters; 1 to " + MAX_COMPONENT_LENGTH
                        + " are allowed");
            }
            if (!COMPONENT.matcher(c).matches()) {
                return Optional.of("component '" + c + "' has characters other than upper-case A-Z, digits 0-9 and '_'");
            }
        }
        return Optional.empty();
    }

    /**
     * The File ID components of {@code file} relative to {@code mediaRoot}.
     *
     * @throws IllegalArgumentException if the file lies outside the root or its path is not a valid File ID
     */
    public static List<String> componentsOf(Path mediaRoot, Path file) {
        Path root = mediaRoot.toAbsolutePath().normalize();
        Path f = file.toAbsolutePath().normalize();
        if (!f.startsWith(root) || f.equals(root)) {
            throw new IllegalArgumentException(file + " is not inside the media root " + mediaRoot);
        }
        List<String> components = new ArrayList<>();
        for (Path name : root.relativize(f)) {
            components.add(name.toString());
        }
        problem(components).ifPresent(p -> {
            throw new IllegalArgumentException("'" + String.join("/", components) + "' cannot be a DICOM File ID (PS3.10 8.2): " + p);
        });
        return List.copyOf(components);
    }
}
