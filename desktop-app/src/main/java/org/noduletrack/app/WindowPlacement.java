package org.noduletrack.app;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Where the main window was when it closed: restored at the next start, unless that place is no longer on any screen
 * (a laptop undocked from its second monitor), when the window opens at its default place instead.
 */
public record WindowPlacement(double x, double y, double width, double height, boolean maximized) {
    static final String KEY = "window";
    /** Smallest useful workstation window; anything smaller in the settings is ignored. */
    private static final double MIN_WIDTH = 640;
    private static final double MIN_HEIGHT = 400;

    /** "x,y,width,height,maximized" as kept in the settings file. */
    public String format() {
        return String.format(java.util.Locale.ROOT, "%.0f,%.0f,%.0f,%.0f,%b", x, y, width, height, maximized);
    }

    public static Optional<WindowPlacement> parse(String s) {
        String[] f = s.split(",");
        if (f.length != 5) {
            return Optional.empty();
        }
        try {
            WindowPlacement p = new WindowPlacement(Double.parseDouble(f[0]), Double.parseDouble(f[1]),
                    Double.parseDouble(f[2]), Double.parseDouble(f[3]), Boolean.parseBoolean(f[4]));
            return p.width >= MIN_WIDTH && p.height >= MIN_HEIGHT ? Optional.of(p) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether enough of the window (its title bar's middle) lies on one of the screens to grab it. */
    public boolean reachableOn(List<Rectangle2D> screens) {
        double titleX = x + width / 2;
        double titleY = y + 10;
        return screens.stream().anyMatch(r -> r.contains(titleX, titleY));
    }

    static WindowPlacement of(Stage stage) {
        return new WindowPlacement(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
    }

    /** Applies the placement kept in {@code settings} to a stage not shown yet, and keeps it up to date on hiding. */
    static void restoreAndTrack(Stage stage, Settings settings) {
        settings.get(KEY).flatMap(WindowPlacement::parse)
                .filter(p -> p.reachableOn(Screen.getScreens().stream().map(Screen::getVisualBounds).toList()))
                .ifPresent(p -> {
                    stage.setX(p.x);
                    stage.setY(p.y);
                    stage.setWidth(p.width);
                    stage.setHeight(p.height);
                    stage.setMaximized(p.maximized);
                });
        stage.setOnHiding(e -> settings.put(KEY, of(stage).format()));
    }
}
