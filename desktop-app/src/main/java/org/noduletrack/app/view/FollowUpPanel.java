package org.noduletrack.app.view;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.noduletrack.app.Messages;
import org.noduletrack.app.viewmodel.FollowUpViewModel;
import org.noduletrack.app.viewmodel.GuidelineViewModel;
import org.noduletrack.app.viewmodel.NoduleTrack;
import org.noduletrack.nodule.growth.GrowthAnalyzer;
import org.noduletrack.nodule.growth.GrowthAssessment;
import org.noduletrack.nodule.model.FollowUpRecommendation;
import org.noduletrack.nodule.model.Measurement;

/**
 * The follow-up side panel: prior chooser and "Compare with prior" with registration progress and cancel, the nodule
 * table (one row per nodule, volume / mean diameter / type per date, growth, VDT, variability, category), match review,
 * volume over time, and the guideline panel (always labelled decision support).
 */
public final class FollowUpPanel extends ScrollPane {
    private final Messages msg;
    private final FollowUpViewModel vm;
    private final TableView<NoduleTrack> table = new TableView<>();
    private final LineChart<Number, Number> chart;
    private final GrowthAnalyzer growth = new GrowthAnalyzer();
    private final Label matchLabel = new Label();
    private final Button confirm, reject;
    private final Label category = new Label(), interval = new Label(), rule = new Label(), explanation = new Label();
    private final Label ageNeeded = new Label();
    private final Label reportStatus = new Label();
    private final ComboBox<ViewerArea.PriorChoice> priorChooser = new ComboBox<>();
    private LocalDate shownPrior;
    private final Nodule3dView view3d;
    private final javafx.scene.control.TabPane tabs;
    private long meshRequest;

    /**
     * @param onCompare "Compare with prior" with the chosen prior
     */
    public FollowUpPanel(Messages msg, FollowUpViewModel vm, Consumer<ViewerArea.PriorChoice> onCompare, Runnable onReport,
                         Runnable onExport, Runnable onSend) {
        this.msg = msg;
        this.vm = vm;
        setId("followup-panel");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setPrefWidth(520);
        setMinWidth(420);

        Label title = heading(msg.get("followup.title"));
        priorChooser.setId("followup-prior");
        priorChooser.setMaxWidth(Double.MAX_VALUE);
        priorChooser.setTooltip(new Tooltip(msg.get("followup.prior.tip")));
        priorChooser.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ViewerArea.PriorChoice p) {
                return p == null ? "" : msg.date(p.study().date()) + "  " + p.series().description()
                        + " (" + p.series().instances() + ")";
            }

            @Override
            public ViewerArea.PriorChoice fromString(String s) { return null; }
        });
        HBox.setHgrow(priorChooser, Priority.ALWAYS);
        Button compare = new Button(msg.get("followup.compare"));
        compare.setId("followup-compare");
        compare.setDefaultButton(false);
        compare.setOnAction(e -> Optional.ofNullable(priorChooser.getValue()).ifPresent(onCompare));
        compare.setMinWidth(Region.USE_PREF_SIZE);
        Label priorLabel = new Label(msg.get("followup.prior"));
        priorLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox priorRow = new HBox(6, priorLabel, priorChooser, compare);
        priorRow.setAlignment(Pos.CENTER_LEFT);

        ProgressBar progress = new ProgressBar(0);
        progress.setId("followup-progress");
        progress.setPrefWidth(140);
        Label status = new Label();
        status.setId("followup-status");
        status.setWrapText(true);
        Button cancel = new Button(msg.get("followup.cancel"));
        cancel.setId("followup-cancel");
        cancel.setOnAction(e -> vm.cancel());
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        HBox statusRow = new HBox(6, progress, status, cancel);
        statusRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(status, Priority.ALWAYS);
        Runnable showStage = () -> {
            FollowUpViewModel.Stage s = vm.stageProperty().get();
            boolean running = s == FollowUpViewModel.Stage.LOADING || s == FollowUpViewModel.Stage.REGISTERING;
            progress.setVisible(running || s == FollowUpViewModel.Stage.LINKED);
            progress.setProgress(s == FollowUpViewModel.Stage.LINKED ? 1 : vm.progressProperty().get());
            cancel.setDisable(!running);
            status.setText(s == FollowUpViewModel.Stage.FAILED ? msg.get("followup.stage.FAILED", vm.failureProperty().get())
                    : msg.get("followup.stage." + s.name()));
        };
        vm.stageProperty().addListener((o, a, b) -> showStage.run());
        vm.progressProperty().addListener((o, a, b) -> showStage.run());
        showStage.run();

        Label hint = new Label(msg.get("followup.hint"));
        hint.setWrapText(true);
        hint.setStyle("-fx-text-fill: #555555;");

        table.setId("nodule-table");
        table.setItems(vm.tracks());
        table.setPrefHeight(215);
        table.setMinHeight(150);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label(msg.get("followup.noNodules")));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            if (t != null && t != vm.selectedProperty().get()) {
                vm.selectedProperty().set(t);
            }
        });
        vm.selectedProperty().addListener((o, a, t) -> {
            if (t != null && table.getSelectionModel().getSelectedItem() != t) {
                table.getSelectionModel().select(t);
            }
            showMatch();
        });
        vm.dates().addListener((ListChangeListener<LocalDate>) c -> rebuildColumns());
        vm.tracks().addListener((ListChangeListener<NoduleTrack>) c -> {
            refreshChart();
            showMatch();
        });
        rebuildColumns();

        confirm = new Button(msg.get("followup.confirm"));
        confirm.setId("followup-confirm");
        reject = new Button(msg.get("followup.reject"));
        reject.setId("followup-reject");
        confirm.setOnAction(e -> setMatch(NoduleTrack.Match.CONFIRMED));
        reject.setOnAction(e -> setMatch(NoduleTrack.Match.REJECTED));
        Button remove = new Button(msg.get("followup.remove"));
        remove.setId("followup-remove");
        remove.setOnAction(e -> Optional.ofNullable(vm.selectedProperty().get()).ifPresent(vm::remove));
        matchLabel.setId("followup-match");
        matchLabel.setWrapText(true);
        matchLabel.setMinHeight(Region.USE_PREF_SIZE);
        for (Button b : List.of(confirm, reject, remove)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        Region sp = new Region();
        HBox.setHgrow(sp, Priority.ALWAYS);
        HBox matchRow = new HBox(6, matchLabel, sp, confirm, reject, remove);
        matchRow.setAlignment(Pos.CENTER_LEFT);
        Label reseedHint = new Label(msg.get("followup.reseed"));
        reseedHint.setWrapText(true);
        reseedHint.setMinHeight(Region.USE_PREF_SIZE);
        reseedHint.setStyle("-fx-text-fill: #555555; -fx-font-size: 11px;");

        NumberAxis x = new NumberAxis();
        x.setLabel(msg.get("followup.chart.days"));
        x.setForceZeroInRange(true);
        NumberAxis y = new NumberAxis();
        y.setLabel(msg.get("followup.chart.volume"));
        chart = new LineChart<>(x, y);
        chart.setId("volume-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.setPrefHeight(200);
        chart.setMinHeight(170);
        chart.setLegendSide(javafx.geometry.Side.RIGHT);

        VBox guideline = guidelinePanel();

        Button report = new Button(msg.get("followup.report"));
        report.setId("followup-report");
        report.setTooltip(new Tooltip(msg.get("followup.report.tip")));
        report.setOnAction(e -> onReport.run());
        report.setMinWidth(Region.USE_PREF_SIZE);
        Button export = new Button(msg.get("followup.export"));
        export.setId("followup-export");
        export.setOnAction(e -> onExport.run());
        export.setMinWidth(Region.USE_PREF_SIZE);
        Button send = new Button(msg.get("case.send.menu"));
        send.setId("followup-send-pacs");
        send.setTooltip(new Tooltip(msg.get("followup.send.tip")));
        send.setOnAction(e -> onSend.run());
        send.setMinWidth(Region.USE_PREF_SIZE);
        reportStatus.setId("followup-report-status");
        reportStatus.setWrapText(true);
        reportStatus.setMinHeight(Region.USE_PREF_SIZE);
        HBox reportRow = new HBox(6, report, export, send, reportStatus);
        reportRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(reportStatus, Priority.ALWAYS);
        VBox nodulesTab = new VBox(8, table, matchRow, reseedHint, chart, guideline);
        nodulesTab.setPadding(new Insets(6, 0, 0, 0));
        view3d = new Nodule3dView(msg);
        javafx.scene.control.Tab tabNodules = new javafx.scene.control.Tab(msg.get("followup.table"), nodulesTab);
        javafx.scene.control.Tab tab3d = new javafx.scene.control.Tab(msg.get("view3d.tab"), view3d);
        tabNodules.setClosable(false);
        tab3d.setClosable(false);
        tabs = new javafx.scene.control.TabPane(tabNodules, tab3d);
        tabs.setId("followup-tabs");
        tab3d.setId("tab-3d");
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> update3d());
        vm.selectedProperty().addListener((o, a, b) -> update3d());
        VBox box = new VBox(8, title, priorRow, statusRow, hint, reportRow, tabs);
        box.setPadding(new Insets(8));
        box.setFillWidth(true);
        setContent(box);
        showMatch();
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold; -fx-font-size: 13px;");
        return l;
    }

    /** The priors to choose from (newest first) and the proposed one. */
    public void setPriors(List<ViewerArea.PriorChoice> choices, Optional<ViewerArea.PriorChoice> proposed) {
        priorChooser.getItems().setAll(choices);
        priorChooser.setValue(proposed.orElse(null));
    }

    public ComboBox<ViewerArea.PriorChoice> priorChooser() { return priorChooser; }

    public Nodule3dView view3d() { return view3d; }

    /** Where the report action says how it went. */
    public Label reportStatus() { return reportStatus; }

    public javafx.scene.control.TabPane tabs() { return tabs; }

    /** Rebuilds the 3D view for the selected nodule when its tab shows (surfaces built off the FX thread). */
    private void update3d() {
        if (tabs.getSelectionModel().getSelectedIndex() != 1) {
            return;
        }
        NoduleTrack t = vm.selectedProperty().get();
        long req = ++meshRequest;
        if (t == null) {
            view3d.clear(msg.get("view3d.empty"));
            return;
        }
        view3d.clear(msg.get("view3d.building"));
        vm.meshes(t).whenComplete((scene, e) -> javafx.application.Platform.runLater(() -> {
            if (req != meshRequest) {
                return;
            }
            if (e != null) {
                view3d.clear(msg.get("view3d.failed", String.valueOf(e.getMessage())));
            } else {
                view3d.show(t.id(), scene);
            }
        }));
    }

    public TableView<NoduleTrack> table() { return table; }

    public LineChart<Number, Number> chart() { return chart; }

    /** The prior shown beside the current scan (match review acts on it). */
    public void setShownPrior(LocalDate date) {
        this.shownPrior = date;
        showMatch();
    }

    private void setMatch(NoduleTrack.Match m) {
        NoduleTrack t = vm.selectedProperty().get();
        if (t != null && shownPrior != null) {
            vm.setMatch(t, shownPrior, m);
        }
    }

    private void showMatch() {
        NoduleTrack t = vm.selectedProperty().get();
        Optional<NoduleTrack.AtDate> a = t == null || shownPrior == null ? Optional.empty() : t.at(shownPrior);
        matchLabel.setText(a.map(x -> msg.get("followup.match", t.id(), msg.date(x.date()),
                msg.get("followup.match." + x.match().name()))).orElse(msg.get("followup.match.none")));
        confirm.setDisable(a.isEmpty() || a.get().segmentation().isEmpty());
        reject.setDisable(a.isEmpty() || a.get().segmentation().isEmpty());
    }

    private void rebuildColumns() {
        table.getColumns().clear();
        TableColumn<NoduleTrack, String> id = column(msg.get("followup.col.nodule"), t -> t.id(), 60);
        id.setId("col-nodule");
        table.getColumns().add(id);
        for (LocalDate d : vm.dates()) {
            TableColumn<NoduleTrack, String> date = new TableColumn<>(msg.date(d));
            date.getColumns().add(column(msg.get("followup.col.volume"), t -> measured(t, d)
                    .map(m -> String.format(Locale.ROOT, "%.0f", m.volumeMm3())).orElse(state(t, d)), 66));
            date.getColumns().add(column(msg.get("followup.col.diameter"), t -> measured(t, d)
                    .map(m -> String.format(Locale.ROOT, "%.1f", m.meanDiameterMm())).orElse(""), 56));
            date.getColumns().add(column(msg.get("followup.col.type"), t -> measured(t, d)
                    .map(m -> msg.get("type.short." + m.type().name())).orElse(""), 62));
            table.getColumns().add(date);
        }
        TableColumn<NoduleTrack, String> g = column(msg.get("followup.col.growth"), t -> t.growth(growth)
                .map(a -> String.format(Locale.ROOT, "%+.0f %%", a.volumeChangeFraction() * 100)).orElse("—"), 66);
        g.setId("col-growth");
        TableColumn<NoduleTrack, String> vdt = column(msg.get("followup.col.vdt"), t -> t.growth(growth)
                .flatMap(a -> a.vdtDays().isPresent() ? Optional.of(String.format(Locale.ROOT, "%.0f", a.vdtDays().getAsDouble()))
                        : Optional.empty()).orElse("—"), 60);
        TableColumn<NoduleTrack, String> var = column(msg.get("followup.col.variability"), t -> t.growth(growth)
                .map(a -> a.trend() == GrowthAssessment.Trend.NO_SIGNIFICANT_CHANGE ? msg.get("followup.within")
                        : msg.get("followup.beyond")).orElse("—"), 84);
        var.setId("col-variability");
        TableColumn<NoduleTrack, String> cat = column(msg.get("followup.col.category"), t -> Optional.ofNullable(
                vm.guideline().resultProperty().get().categoryByNodule().get(t.id())).orElse("—"), 78);
        cat.setId("col-category");
        table.getColumns().addAll(1, List.of(cat, g, vdt, var));
        vm.guideline().resultProperty().addListener((o, a, b) -> table.refresh());
    }

    private String state(NoduleTrack t, LocalDate d) {
        return t.at(d).map(a -> a.match() == NoduleTrack.Match.NOT_FOUND ? msg.get("followup.absent")
                : a.match() == NoduleTrack.Match.REJECTED ? msg.get("followup.rejected") : "").orElse("");
    }

    private static Optional<Measurement> measured(NoduleTrack t, LocalDate d) {
        return t.at(d).flatMap(NoduleTrack.AtDate::measurement);
    }

    private static TableColumn<NoduleTrack, String> column(String title, java.util.function.Function<NoduleTrack, String> f,
                                                           double width) {
        TableColumn<NoduleTrack, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    private void refreshChart() {
        chart.getData().clear();
        if (vm.dates().isEmpty()) {
            return;
        }
        LocalDate first = vm.dates().getFirst();
        for (NoduleTrack t : vm.tracks()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(t.id());
            for (NoduleTrack.AtDate a : t.dates()) {
                a.measurement().ifPresent(m -> s.getData().add(new XYChart.Data<>(FollowUpViewModel.days(first, a.date()),
                        m.volumeMm3())));
            }
            chart.getData().add(s);
        }
    }

    private VBox guidelinePanel() {
        GuidelineViewModel g = vm.guideline();
        Label support = new Label(msg.get("guideline.decisionSupport"));
        support.setId("guideline-label");
        support.setStyle("-fx-background-color: #fff3c4; -fx-text-fill: #6b4e00; -fx-font-weight: bold; -fx-padding: 2 6 2 6;"
                + " -fx-background-radius: 3;");
        ComboBox<GuidelineViewModel.Setting> setting = new ComboBox<>();
        setting.setId("guideline-setting");
        setting.getItems().setAll(GuidelineViewModel.Setting.values());
        setting.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(GuidelineViewModel.Setting s) { return s == null ? "" : msg.get("guideline.setting." + s.name()); }

            @Override
            public GuidelineViewModel.Setting fromString(String s) { return null; }
        });
        setting.valueProperty().bindBidirectional(g.settingProperty());
        TextField age = new TextField();
        age.setId("guideline-age");
        age.setPrefColumnCount(3);
        age.setPromptText(msg.get("guideline.age.prompt"));
        age.textProperty().addListener((o, a, b) -> {
            try {
                int v = Integer.parseInt(b.trim());
                g.ageYearsProperty().set(v >= 0 && v < 130 ? v : null);
            } catch (NumberFormatException e) {
                g.ageYearsProperty().set(null);
            }
        });
        g.ageYearsProperty().addListener((o, a, b) -> {
            String t = b == null ? "" : String.valueOf(b);
            if (!age.getText().trim().equals(t) && b != null) {
                age.setText(t);
            }
        });
        CheckBox risk = new CheckBox(msg.get("guideline.highRisk"));
        risk.setId("guideline-risk");
        risk.selectedProperty().addListener((o, a, b) -> g.highRiskProperty().set(b));
        g.highRiskProperty().addListener((o, a, b) -> risk.setSelected(Boolean.TRUE.equals(b)));
        HBox ctx = new HBox(6, new Label(msg.get("guideline.context")), setting);
        ctx.setAlignment(Pos.CENTER_LEFT);
        HBox patient = new HBox(6, new Label(msg.get("guideline.age")), age, risk);
        patient.setAlignment(Pos.CENTER_LEFT);
        ageNeeded.setId("guideline-age-needed");
        ageNeeded.setStyle("-fx-text-fill: #a04000;");
        ageNeeded.setWrapText(true);
        category.setId("guideline-category");
        category.setStyle("-fx-font-size: 14px; -fx-font-weight: bold;");
        interval.setId("guideline-interval");
        interval.setWrapText(true);
        rule.setId("guideline-rule");
        rule.setStyle("-fx-text-fill: #555555;");
        explanation.setId("guideline-explanation");
        explanation.setWrapText(true);
        explanation.setMaxWidth(470);
        for (Label l : List.of(interval, rule, explanation, ageNeeded, category)) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.setMaxWidth(470);
        }
        g.resultProperty().addListener((o, a, r) -> showGuideline(r));
        showGuideline(g.resultProperty().get());
        HBox head = new HBox(8, heading(msg.get("guideline.title")), support);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(5, head, ctx, patient, ageNeeded, category, interval, rule, explanation);
        box.setStyle("-fx-border-color: #c8c8c8; -fx-border-radius: 3; -fx-padding: 6;");
        return box;
    }

    private void showGuideline(GuidelineViewModel.Result r) {
        ageNeeded.setText(r.needsAge() ? msg.get("guideline.needAge") : "");
        ageNeeded.setVisible(r.needsAge());
        ageNeeded.setManaged(r.needsAge());
        Optional<FollowUpRecommendation> rec = r.recommendation();
        category.setText(rec.map(x -> msg.get("guideline.category", x.guideline(),
                x.applicable() ? x.category() : msg.get("guideline.notApplicable"))).orElse(msg.get("guideline.none")));
        interval.setText(rec.filter(FollowUpRecommendation::applicable)
                .map(x -> msg.get("guideline.interval", msg.get("interval." + x.management()))).orElse(""));
        rule.setText(rec.map(x -> msg.get("guideline.rule", x.ruleId())).orElse(""));
        boolean zh = msg.locale().getLanguage().equals("zh");
        explanation.setText(rec.map(x -> zh ? x.explanationZh() : x.explanationEn()).orElse(""));
    }
}
