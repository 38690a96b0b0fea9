package io.auditlog.bench.sustained;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart of the run (XChart, PNG): three panels over the same time axis, one line per consumer in the first two,
 * so that whether a line grows is seen at a glance: events behind the feed's head, seconds behind it (the age of
 * the oldest event not consumed), and the ingest rate. A vertical line marks where ingest stopped; what follows it
 * is the drain.
 */
final class LagChart {

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 330;

    private LagChart() {
    }

    static void write(List<LagSampler.Sample> samples, double ingestStoppedAt, String subtitle, Path file)
            throws Exception {
        double[] t = samples.stream().mapToDouble(LagSampler.Sample::t).toArray();
        List<XYChart> charts = new ArrayList<>();
        charts.add(perConsumer("Events behind the feed's head, per consumer (" + subtitle + ")", "events", t,
                samples, ingestStoppedAt, (s, c) -> s.lagEvents().getOrDefault(c, 0L)));
        charts.add(perConsumer("Seconds behind: age of the oldest event not yet consumed", "seconds", t, samples,
                ingestStoppedAt, (s, c) -> s.lagSeconds().getOrDefault(c, 0.0)));
        XYChart rate = chart("Ingest rate (events acknowledged per second)", "events/s");
        line(rate, "ingest", t, samples, LagSampler.Sample::ingestPerSecond);
        stopLine(rate, ingestStoppedAt, samples.stream().mapToDouble(LagSampler.Sample::ingestPerSecond).max()
                .orElse(1));
        charts.add(rate);
        BitmapEncoder.saveBitmap(charts, charts.size(), 1, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private interface PerConsumer {
        double value(LagSampler.Sample sample, String consumer);
    }

    private static XYChart perConsumer(String title, String unit, double[] t, List<LagSampler.Sample> samples,
            double stoppedAt, PerConsumer value) {
        XYChart chart = chart(title, unit);
        double max = 1;
        for (String consumer : LagSampler.CONSUMERS.keySet()) {
            line(chart, consumer, t, samples, s -> value.value(s, consumer));
            for (LagSampler.Sample s : samples) {
                max = Math.max(max, value.value(s, consumer));
            }
        }
        stopLine(chart, stoppedAt, max);
        return chart;
    }

    private static XYChart chart(String title, String unit) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("seconds since ingest started").yAxisTitle(unit).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(13f));
        return chart;
    }

    private static void line(XYChart chart, String name, double[] t, List<LagSampler.Sample> samples,
            ToDoubleFunction<LagSampler.Sample> value) {
        double[] y = samples.stream().mapToDouble(value).toArray();
        XYSeries series = chart.addSeries(name, t.length == 0 ? new double[] {0} : t, y.length == 0 ? new double[] {0}
                : y);
        series.setMarker(SeriesMarkers.NONE);
    }

    /** The moment ingest stopped, as a vertical series from 0 to the panel's largest value. */
    private static void stopLine(XYChart chart, double at, double max) {
        if (at > 0) {
            XYSeries series = chart.addSeries("ingest stops", new double[] {at, at}, new double[] {0, max});
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(java.awt.Color.GRAY);
        }
    }
}
