package org.noduletrack.app.ui;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;
import org.noduletrack.app.view.SourceChooser;

/** For UI tests that never open a file chooser: every choice is cancelled. */
final class NoSourceChooser implements SourceChooser {
    @Override
    public Optional<Path> chooseFolder(Window owner, String title) { return Optional.empty(); }

    @Override
    public Optional<Path> chooseZip(Window owner, String title) { return Optional.empty(); }
}
