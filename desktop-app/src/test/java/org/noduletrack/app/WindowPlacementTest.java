package org.noduletrack.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

class WindowPlacementTest {
    private static final List<Rectangle2D> LAPTOP = List.of(new Rectangle2D(0, 0, 1920, 1080));
    private static final List<Rectangle2D> DOCKED = List.of(new Rectangle2D(0, 0, 1920, 1080),
            new Rectangle2D(1920, 0, 2560, 1440));

    @Test
    void roundTripsThroughTheSettingsText() {
        WindowPlacement p = new WindowPlacement(2000, 40, 1600, 1000, true);
        assertThat(p.format()).isEqualTo("2000,40,1600,1000,true");
        assertThat(WindowPlacement.parse(p.format())).contains(p);
    }

    @Test
    void aWindowLeftOnAnUnpluggedMonitorIsNotRestoredThere() {
        WindowPlacement onSecond = new WindowPlacement(2100, 50, 1600, 1000, false);
        assertThat(onSecond.reachableOn(DOCKED)).isTrue();
        assertThat(onSecond.reachableOn(LAPTOP)).isFalse();
        assertThat(new WindowPlacement(100, -500, 1400, 860, false).reachableOn(LAPTOP))
                .as("title bar above the screen").isFalse();
    }

    @Test
    void garbageOrTinyWindowsAreIgnored() {
        assertThat(WindowPlacement.parse("1,2,3")).isEmpty();
        assertThat(WindowPlacement.parse("a,b,c,d,true")).isEmpty();
        assertThat(WindowPlacement.parse("0,0,100,80,false")).isEmpty();
    }
}
