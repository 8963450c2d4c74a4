package org.noduletrack.archive.importer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Lazy depth-first walk over the regular files below a folder, in name order per folder. Memory is bounded by the
 * largest single folder listing, not by the number of files. Folders that cannot be listed are reported, not fatal.
 * Symbolic links are not followed (a medium cannot loop).
 */
final class FolderWalker implements Iterator<Path> {
    private final Deque<Iterator<Path>> stack = new ArrayDeque<>();
    private final Consumer<String> problems;
    private Path next;

    FolderWalker(Path root, Consumer<String> problems) {
        this.problems = problems;
        push(root);
    }

    private void push(Path dir) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(children::add);
        } catch (IOException | RuntimeException e) {
            problems.accept("cannot read folder " + dir + ": " + e.getMessage());
            return;
        }
        children.sort(null);
        stack.push(children.iterator());
    }

    @Override
    public boolean hasNext() {
        while (next == null && !stack.isEmpty()) {
            Iterator<Path> top = stack.peek();
            if (!top.hasNext()) {
                stack.pop();
                continue;
            }
            Path p = top.next();
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                problems.accept("cannot read " + p + ": " + e.getMessage());
                continue;
            }
            if (a.isDirectory()) {
                push(p);
            } else if (a.isRegularFile()) {
                next = p;
            }
        }
        return next != null;
    }

    @Override
    public Path next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Path p = next;
        next = null;
        return p;
    }
}
