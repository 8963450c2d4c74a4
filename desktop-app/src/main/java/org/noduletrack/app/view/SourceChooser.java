package org.noduletrack.app.view;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks the user what to import; tests replace the native choosers. */
public interface SourceChooser {
    Optional<Path> chooseFolder(Window owner, String title);

    Optional<Path> chooseZip(Window owner, String title);

    /** A report (PDF or text) to attach to a case folder; none by default (tests that attach replace it). */
    default Optional<Path> chooseReport(Window owner, String title) { return Optional.empty(); }

    /** The platform's folder and file dialogs. */
    static SourceChooser native_() {
        return new SourceChooser() {
            @Override
            public Optional<Path> chooseFolder(Window owner, String title) {
                DirectoryChooser c = new DirectoryChooser();
                c.setTitle(title);
                return Optional.ofNullable(c.showDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> chooseZip(Window owner, String title) {
                FileChooser c = new FileChooser();
                c.setTitle(title);
                c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Zip", "*.zip", "*.ZIP"),
                        new FileChooser.ExtensionFilter("*", "*"));
                return Optional.ofNullable(c.showOpenDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> chooseReport(Window owner, String title) {
                FileChooser c = new FileChooser();
                c.setTitle(title);
                c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PDF", "*.pdf", "*.PDF"),
                        new FileChooser.ExtensionFilter("Text", "*.txt", "*.TXT"));
                return Optional.ofNullable(c.showOpenDialog(owner)).map(File::toPath);
            }
        };
    }
}
