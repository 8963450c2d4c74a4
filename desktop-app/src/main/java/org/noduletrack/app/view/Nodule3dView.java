package org.noduletrack.app.view;

import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.TriangleMesh;
import javafx.scene.shape.VertexFormat;
import javafx.scene.transform.Rotate;
import org.noduletrack.app.Messages;
import org.noduletrack.app.viewmodel.NoduleMeshes;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.mesh.SurfaceMesh;

/**
 * One nodule in 3D (JavaFX SubScene): the marching-cubes surface of each date in its own colour, nested surfaces
 * translucent so that the smaller one shows through, and the neighbouring vessels in grey. Seen from the front
 * (patient's left on the right, head up); drag to rotate, wheel to zoom, double-click to return to the front view.
 */
public final class Nodule3dView extends StackPane {
    /** Oldest prior, next prior, ..., current (the current is always the last colour). */
    private static final List<Color> PRIOR_COLOURS = List.of(Color.web("#4da6ff"), Color.web("#59d959"), Color.web("#d070ff"));
    private static final Color CURRENT_COLOUR = Color.web("#ff9b3d");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private final Messages msg;
    private final Group content = new Group();
    private final Rotate rotX = new Rotate(0, Rotate.X_AXIS), rotY = new Rotate(0, Rotate.Y_AXIS);
    private final PerspectiveCamera camera = new PerspectiveCamera(true);
    private final VBox legend = new VBox(2);
    private final Label message = new Label();
    private final Label axes = new Label();
    private double lastX, lastY;
    private double distance = 60;

    public Nodule3dView(Messages msg) {
        this.msg = msg;
        setId("nodule-3d");
        setStyle("-fx-background-color: #101010;");
        setMinHeight(300);
        setPrefHeight(380);
        Group world = new Group(content);
        content.getTransforms().addAll(rotY, rotX);
        AmbientLight ambient = new AmbientLight(Color.gray(0.45));
        PointLight key = new PointLight(Color.gray(0.6));
        key.setTranslateX(-200);
        key.setTranslateY(-200);
        key.setTranslateZ(-400);
        world.getChildren().addAll(ambient, key);
        camera.setNearClip(0.5);
        camera.setFarClip(5000);
        camera.setFieldOfView(30);
        camera.setTranslateZ(-distance);
        SubScene sub = new SubScene(world, 400, 360, true, SceneAntialiasing.DISABLED);
        sub.setId("nodule-3d-subscene");
        sub.setFill(Color.web("#101010"));
        sub.setCamera(camera);
        sub.widthProperty().bind(widthProperty());
        sub.heightProperty().bind(heightProperty());
        sub.setOnMousePressed(e -> {
            lastX = e.getSceneX();
            lastY = e.getSceneY();
            if (e.getClickCount() == 2) {
                rotX.setAngle(0);
                rotY.setAngle(0);
            }
        });
        sub.setOnMouseDragged(e -> {
            rotY.setAngle(rotY.getAngle() + (e.getSceneX() - lastX) * 0.5);
            rotX.setAngle(rotX.getAngle() - (e.getSceneY() - lastY) * 0.5);
            lastX = e.getSceneX();
            lastY = e.getSceneY();
        });
        sub.setOnScroll(e -> {
            distance = Math.clamp(distance * (e.getDeltaY() > 0 ? 0.9 : 1.1), 5, 1000);
            camera.setTranslateZ(-distance);
        });
        legend.setPadding(new Insets(4, 6, 4, 6));
        legend.setStyle("-fx-background-color: rgba(0,0,0,0.55); -fx-background-radius: 3;");
        legend.setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        legend.setMouseTransparent(true);
        StackPane.setAlignment(legend, Pos.TOP_LEFT);
        StackPane.setMargin(legend, new Insets(4));
        axes.setTextFill(Color.web("#ffd966"));
        axes.setStyle("-fx-font-size: 11px; -fx-background-color: rgba(0,0,0,0.55); -fx-padding: 2 4 2 4;");
        axes.setMouseTransparent(true);
        StackPane.setAlignment(axes, Pos.BOTTOM_LEFT);
        StackPane.setMargin(axes, new Insets(4));
        message.setTextFill(Color.web("#ffcc66"));
        message.setWrapText(true);
        message.setMaxWidth(340);
        message.setMouseTransparent(true);
        getChildren().addAll(sub, legend, axes, message);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        clear(msg.get("view3d.empty"));
    }

    /** Whether this JavaFX pipeline draws 3D (the software pipeline of headless runs does not). */
    public static boolean supported() { return Platform.isSupported(ConditionalFeature.SCENE3D); }

    /** Surfaces shown (nodule dates and vessels); 0 while empty or building. */
    public int meshCount() { return content.getChildren().size(); }

    public void clear(String text) {
        content.getChildren().clear();
        legend.getChildren().clear();
        legend.setVisible(false);
        axes.setVisible(false);
        message.setText(text);
        message.setVisible(true);
    }

    /** Shows the surfaces of one nodule (FX thread). */
    public void show(String noduleId, NoduleMeshes.Scene scene) {
        content.getChildren().clear();
        legend.getChildren().clear();
        Vec3 c = scene.centreLps();
        double radius = 5;
        List<NoduleMeshes.DatedMesh> priors = scene.nodule().stream().filter(d -> !d.current()).toList();
        // nested surfaces blend correctly only when drawn inside-out: smallest first, translucent outer ones after
        List<NoduleMeshes.DatedMesh> byVolume = scene.nodule().stream()
                .sorted(Comparator.comparingDouble(NoduleMeshes.DatedMesh::measuredVolumeMm3)).toList();
        for (int i = 0; i < byVolume.size(); i++) {
            NoduleMeshes.DatedMesh d = byVolume.get(i);
            Color colour = d.current() ? CURRENT_COLOUR : PRIOR_COLOURS.get(Math.min(priors.indexOf(d), PRIOR_COLOURS.size() - 1));
            double alpha = i == 0 ? 1.0 : 0.3; // light enough that the inner dates' colours stay readable
            MeshView mv = meshView(d.surfaceLps(), c, new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), alpha));
            // a translucent surface blends once (its near side): drawing its far side too would double its opacity
            mv.setCullFace(alpha < 1 ? CullFace.BACK : CullFace.NONE);
            mv.setId("mesh-" + DATE.format(d.date()));
            content.getChildren().add(mv);
            radius = Math.max(radius, extent(d.surfaceLps(), c));
        }
        if (!scene.vesselsLps().isEmpty()) {
            MeshView v = meshView(scene.vesselsLps(), c, new Color(0.75, 0.75, 0.78, 0.25));
            v.setCullFace(CullFace.BACK);
            v.setId("mesh-vessels");
            content.getChildren().add(v);
        }
        for (NoduleMeshes.DatedMesh d : scene.nodule()) {
            Color colour = d.current() ? CURRENT_COLOUR : PRIOR_COLOURS.get(Math.min(priors.indexOf(d), PRIOR_COLOURS.size() - 1));
            Rectangle swatch = new Rectangle(10, 10, colour);
            Label l = new Label(msg.date(d.date()) + "  " + String.format(java.util.Locale.ROOT, "%.0f mm³",
                    d.measuredVolumeMm3()) + (d.current() ? "  (" + msg.get("view3d.current") + ")" : ""));
            l.setTextFill(Color.WHITE);
            l.setStyle("-fx-font-size: 11px;");
            legend.getChildren().add(new HBox(5, swatch, l));
        }
        Label title = new Label(msg.get("view3d.title", noduleId));
        title.setTextFill(Color.web("#dddddd"));
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 11px;");
        legend.getChildren().addFirst(title);
        Label vessels = new Label(msg.get("view3d.vessels"));
        vessels.setTextFill(Color.web("#bbbbbb"));
        vessels.setStyle("-fx-font-size: 11px;");
        legend.getChildren().add(vessels);
        legend.setVisible(true);
        axes.setText(msg.get("view3d.axes"));
        axes.setVisible(true);
        // the nodule and its 10 mm neighbourhood fill about 80 % of the view height (field of view 30°)
        distance = (radius + 4) / Math.tan(Math.toRadians(15)) * 1.25;
        camera.setTranslateZ(-distance);
        message.setVisible(!supported());
        message.setText(supported() ? "" : msg.get("view3d.unsupported"));
    }

    /** LPS (x left, y posterior, z head) → JavaFX (x right, y down, z away): seen from the front, head up. */
    private static MeshView meshView(SurfaceMesh s, Vec3 c, Color colour) {
        float[] v = s.verticesLps(), n = s.normalsLps();
        float[] p = new float[v.length], nn = new float[n.length];
        for (int i = 0; i < v.length; i += 3) {
            p[i] = (float) (v[i] - c.x());
            p[i + 1] = (float) -(v[i + 2] - c.z());
            p[i + 2] = (float) (v[i + 1] - c.y());
            nn[i] = n[i];
            nn[i + 1] = -n[i + 2];
            nn[i + 2] = n[i + 1];
        }
        int[] t = s.triangles();
        int[] faces = new int[t.length * 3];
        for (int i = 0; i < t.length; i++) {
            faces[i * 3] = t[i];
            faces[i * 3 + 1] = t[i];
            faces[i * 3 + 2] = 0;
        }
        TriangleMesh mesh = new TriangleMesh(VertexFormat.POINT_NORMAL_TEXCOORD);
        mesh.getPoints().setAll(p);
        mesh.getNormals().setAll(nn);
        mesh.getTexCoords().setAll(0, 0);
        mesh.getFaces().setAll(faces);
        MeshView mv = new MeshView(mesh);
        PhongMaterial m = new PhongMaterial(colour);
        m.setSpecularColor(Color.gray(0.15));
        mv.setMaterial(m);
        mv.setCullFace(CullFace.NONE);
        return mv;
    }

    private static double extent(SurfaceMesh s, Vec3 c) {
        float[] v = s.verticesLps();
        double r = 0;
        for (int i = 0; i < v.length; i += 3) {
            r = Math.max(r, Math.sqrt(Math.pow(v[i] - c.x(), 2) + Math.pow(v[i + 1] - c.y(), 2) + Math.pow(v[i + 2] - c.z(), 2)));
        }
        return r;
    }
}
