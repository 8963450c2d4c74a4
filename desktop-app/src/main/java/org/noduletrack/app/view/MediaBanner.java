package org.noduletrack.app.view;

import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.noduletrack.app.Messages;
import org.noduletrack.app.viewmodel.MediaViewModel;
import org.noduletrack.archive.importer.ImportReport;
import org.noduletrack.archive.media.RemovableMedium;

/** "A CD with a DICOMDIR was inserted — Import / Not now": shown while a DICOM-looking medium is offered. */
public final class MediaBanner extends HBox {
    private final Label text = new Label();
    private final Button importButton = new Button();
    private final Button dismiss = new Button();

    public MediaBanner(MediaViewModel vm, Messages msg, Consumer<ImportReport> imported) {
        super(8);
        setId("media-banner");
        setPadding(new Insets(5, 8, 5, 8));
        setAlignment(Pos.CENTER_LEFT);
        setStyle("-fx-background-color: #fff6d6; -fx-border-color: #d9b84a; -fx-border-width: 1 0 0 0;");
        text.setId("media-text");
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        importButton.setId("media-import");
        importButton.setText(msg.get("media.import"));
        importButton.setDefaultButton(false);
        dismiss.setId("media-dismiss");
        dismiss.setText(msg.get("media.dismiss"));
        getChildren().addAll(text, importButton, dismiss);
        managedProperty().bind(visibleProperty());

        Runnable refresh = () -> {
            setVisible(!vm.offered().isEmpty());
            if (vm.offered().isEmpty()) {
                return;
            }
            RemovableMedium m = vm.offered().getFirst();
            String kind = msg.get(m.kind() == RemovableMedium.Kind.OPTICAL ? "media.kind.optical" : "media.kind.removable");
            String how = msg.get(m.dicomDir().isPresent() ? "media.withDicomdir" : "media.withoutDicomdir");
            String more = vm.offered().size() > 1 ? " " + msg.get("media.more", vm.offered().size() - 1) : "";
            text.setText(msg.get("media.inserted", kind, m.label(), how) + more);
            importButton.setOnAction(e -> vm.importMedium(m).thenAccept(imported));
            dismiss.setOnAction(e -> vm.dismiss(m));
        };
        vm.offered().addListener((ListChangeListener<RemovableMedium>) c -> refresh.run());
        refresh.run();
    }
}
