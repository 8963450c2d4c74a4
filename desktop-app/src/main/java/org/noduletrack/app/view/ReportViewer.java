package org.noduletrack.app.view;

import java.util.concurrent.CompletableFuture;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.noduletrack.app.FxThread;
import org.noduletrack.app.Messages;
import org.noduletrack.app.workspace.CaseFolderService;
import org.noduletrack.app.workspace.ReportPages;

/**
 * A report from the case folder in its own window: PDF pages as rendered images (no external viewer needed), text as
 * text. The window opens at once with "Opening…"; the content arrives from the background.
 */
public final class ReportViewer {
    private final Stage stage = new Stage();
    private final BorderPane root = new BorderPane();
    private final Label status = new Label();
    private final VBox pages = new VBox(12);

    public ReportViewer(Window owner, Messages msg, String title, CompletableFuture<CaseFolderService.Document> document) {
        stage.initOwner(owner);
        stage.setTitle(title);
        status.setId("report-status");
        status.setPadding(new Insets(4, 8, 4, 8));
        status.setText(msg.get("case.report.opening"));
        pages.setId("report-pages");
        pages.setAlignment(Pos.TOP_CENTER);
        pages.setPadding(new Insets(12));
        pages.setStyle("-fx-background-color: #5a5a5a;");
        root.setTop(status);
        ScrollPane scroll = new ScrollPane(pages);
        scroll.setFitToWidth(true);
        root.setCenter(scroll);
        stage.setScene(new Scene(root, 980, 1000)); // a Letter or A4 page at 110 dpi fits without scrolling sideways
        document.whenComplete((doc, failure) -> FxThread.run(() -> {
            if (failure != null) {
                status.setText(msg.get("case.report.failed", ViewerArea.rootMessage(failure)));
                return;
            }
            if (doc.pages().isPresent()) {
                ReportPages.Rendered r = doc.pages().get();
                for (ReportPages.Page p : r.pages()) {
                    WritableImage img = new WritableImage(p.width(), p.height());
                    img.getPixelWriter().setPixels(0, 0, p.width(), p.height(), PixelFormat.getIntArgbInstance(), p.argb(), 0,
                            p.width());
                    ImageView v = new ImageView(img);
                    v.setId("report-page");
                    pages.getChildren().add(v);
                }
                status.setText(r.pageCount() > r.pages().size()
                        ? msg.get("case.report.pagesCut", r.pages().size(), r.pageCount()) : msg.get("case.report.pages", r.pageCount()));
            } else if (doc.text().isPresent()) {
                TextArea text = new TextArea(doc.text().get());
                text.setId("report-text");
                text.setEditable(false);
                text.setWrapText(true);
                root.setCenter(text);
                status.setText(doc.title());
            } else {
                status.setText(msg.get("case.report.structured"));
            }
        }));
    }

    public void show() {
        stage.show();
    }

    public Stage stage() { return stage; }
}
