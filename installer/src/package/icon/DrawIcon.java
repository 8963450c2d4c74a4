import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Draws the application icon (committed as NoduleTrack.png; re-run only to change it):
 * {@code java installer/src/package/icon/DrawIcon.java installer/src/package/linux/NoduleTrack.png}.
 * A CT slice's lung fields with a nodule under a crosshair, and a prior outline showing growth.
 */
public class DrawIcon {
    public static void main(String[] args) throws Exception {
        int s = 256;
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setPaint(new GradientPaint(0, 0, new Color(0x1f3a5f), 0, s, new Color(0x0b1622)));
        g.fill(new RoundRectangle2D.Double(8, 8, s - 16, s - 16, 48, 48));
        // body outline and the two lung fields, in CT grey levels
        g.setColor(new Color(0x8a9199));
        g.fill(new Ellipse2D.Double(28, 52, 200, 156));
        g.setColor(new Color(0x151a20));
        g.fill(new Ellipse2D.Double(46, 66, 76, 124));
        g.fill(new Ellipse2D.Double(134, 66, 76, 124));
        // the prior nodule (dashed) and the current, larger one
        g.setColor(new Color(0xe8eef4));
        g.fill(new Ellipse2D.Double(156, 100, 34, 34));
        g.setColor(new Color(0x4fc3f7));
        g.setStroke(new BasicStroke(4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {7f, 7f}, 0f));
        g.draw(new Ellipse2D.Double(164, 108, 18, 18));
        // crosshair on the nodule
        g.setColor(new Color(0xffb300));
        g.setStroke(new BasicStroke(6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(173, 72, 173, 92);
        g.drawLine(173, 142, 173, 162);
        g.drawLine(128, 117, 148, 117);
        g.drawLine(198, 117, 218, 117);
        g.dispose();
        ImageIO.write(img, "png", new File(args[0]));
    }
}
