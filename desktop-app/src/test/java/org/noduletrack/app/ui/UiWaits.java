package org.noduletrack.app.ui;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import org.noduletrack.app.App;
import org.noduletrack.app.FxSnapshots;
import org.noduletrack.app.view.SliceView;
import org.testfx.api.FxRobot;

/** Waiting in the UI tests: a condition on the FX thread, a view's finished frame, a list cell once laid out. */
final class UiWaits {
    private UiWaits() {}

    /** Waits for {@code condition}; on a timeout the window (when there is one) is saved to target/ui-failure-NAME.png. */
    static void waitFor(App app, BooleanSupplier condition, int seconds, String what) throws Exception {
        try {
            FxSnapshots.await(condition, seconds * 1000L, what);
        } catch (java.util.concurrent.TimeoutException e) {
            if (app != null && app.window() != null) { // what the screen showed, for the CI log's reader
                FxSnapshots.savePng(app.window().scene(), Path.of("target", "ui-failure-"
                        + what.replaceAll("[^A-Za-z0-9]+", "-") + ".png"));
            }
            throw e;
        }
    }

    /** Waits until the view shows its volume with no render in flight. */
    static void waitRendered(App app, SliceView v) throws Exception {
        waitFor(app, () -> v.hasVolume() && v.framesShownProperty().get() > 0, 30, "first frame of " + v.getId());
        waitFor(app, v::isIdleAndLoaded, 30, "render idle " + v.getId());
        FxSnapshots.settle(50);
        waitFor(app, v::isIdleAndLoaded, 30, "render idle " + v.getId());
    }

    /** The cell of the timeline showing {@code item}, once the list has laid it out. */
    static Node timelineCell(App app, FxRobot robot, Object item) throws Exception {
        waitFor(app, () -> robot.lookup("#study-timeline .list-cell").match((ListCell<?> c) -> item.equals(c.getItem()))
                .tryQuery().isPresent(), 10, "timeline cell");
        return robot.lookup("#study-timeline .list-cell").match((ListCell<?> c) -> item.equals(c.getItem())).query();
    }
}
