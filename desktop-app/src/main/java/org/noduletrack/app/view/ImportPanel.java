package org.noduletrack.app.view;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Modality;
import org.noduletrack.app.Messages;
import org.noduletrack.app.viewmodel.ImportViewModel;
import org.noduletrack.archive.importer.ImportProgress;
import org.noduletrack.archive.importer.ImportReport;

/** Non-modal strip under the viewer: progress and cancel while importing, the report afterwards. */
public final class ImportPanel extends HBox {
    private final Messages msg;
    private final Label status = new Label();
    private final ProgressBar bar = new ProgressBar();
    private final Button cancel = new Button();
    private final Button details = new Button();
    private final Button close = new Button();

    public ImportPanel(ImportViewModel vm, Messages msg) {
        super(8);
        this.msg = msg;
        setId("import-panel");
        setPadding(new Insets(5, 8, 5, 8));
        setAlignment(Pos.CENTER_LEFT);
        setStyle("-fx-background-color: #e8eef6; -fx-border-color: #9db4d0; -fx-border-width: 1 0 0 0;");
        status.setId("import-status");
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        bar.setPrefWidth(220);
        bar.setId("import-progress");
        cancel.setId("import-cancel");
        cancel.setText(msg.get("import.cancel"));
        cancel.setOnAction(e -> {
            vm.cancel();
            cancel.setDisable(true);
        });
        details.setText(msg.get("import.details"));
        details.setId("import-details");
        close.setText(msg.get("import.close"));
        close.setId("import-close");
        close.setOnAction(e -> setVisible(false));
        getChildren().addAll(status, bar, cancel, details, close);
        managedProperty().bind(visibleProperty());
        setVisible(false);

        bar.progressProperty().bind(vm.progressProperty());
        vm.runningProperty().addListener((o, a, running) -> {
            if (running) {
                setVisible(true);
                cancel.setDisable(false);
                status.setText(msg.get(vm.phaseProperty().get()));
            }
            bar.setVisible(running);
            cancel.setVisible(running);
            details.setVisible(!running);
            close.setVisible(!running);
        });
        vm.phaseProperty().addListener((o, a, b) -> {
            if (vm.runningProperty().get() && !b.isEmpty()) {
                status.setText(msg.get(b));
            }
        });
        vm.lastProgressProperty().addListener((o, a, p) -> {
            if (p != null && vm.runningProperty().get()) {
                status.setText(progressText(p));
            }
        });
        vm.reportProperty().addListener((o, a, r) -> {
            if (r != null) {
                status.setText(reportText(r));
                details.setOnAction(e -> showDetails(r));
            }
        });
        vm.failureProperty().addListener((o, a, f) -> {
            if (f != null && !f.isEmpty()) {
                setVisible(true);
                status.setText(msg.get("import.failed", f));
                details.setVisible(false);
            }
        });
    }

    private String progressText(ImportProgress p) {
        String rate = String.format(Locale.ROOT, "%.1f", p.bytesPerSecond() / 1e6);
        String eta = p.eta().map(d -> d.toSeconds() + " s").orElse("…");
        return msg.get("import.progress", p.filesDone(), p.filesTotal(), rate, eta);
    }

    private String reportText(ImportReport r) {
        String key = r.cancelled() ? "import.reportCancelled" : r.error().isPresent() ? "import.reportError" : "import.report";
        return msg.get(key, r.imported(), r.duplicates(), r.skipped(), r.failed() + r.conflicts(),
                String.format(Locale.ROOT, "%.1f", r.seconds()), r.error().orElse(""));
    }

    private void showDetails(ImportReport r) {
        StringBuilder sb = new StringBuilder(reportText(r)).append("\n\n");
        for (ImportReport.SeriesTally t : r.series()) {
            sb.append(msg.get("import.seriesLine", t.patientName(), msg.date(t.studyDate()), t.modality(),
                    t.description(), t.imported(), t.duplicates())).append('\n');
        }
        for (ImportReport.FileProblem f : r.failedFiles()) {
            sb.append(msg.get("import.failedLine", f.file(), f.reason())).append('\n');
        }
        for (ImportReport.FileProblem f : r.skippedFiles()) {
            sb.append(msg.get("import.skippedLine", f.file(), f.reason())).append('\n');
        }
        r.notes().forEach(n -> sb.append(n).append('\n'));
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initModality(Modality.NONE);
        a.setTitle(msg.get("import.detailsTitle"));
        a.setHeaderText(null);
        TextArea text = new TextArea(sb.toString());
        text.setEditable(false);
        text.setPrefSize(640, 320);
        a.getDialogPane().setContent(text);
        a.show();
    }

    public Label statusLabel() { return status; }
}
