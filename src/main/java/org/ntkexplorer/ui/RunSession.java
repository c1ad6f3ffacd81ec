package org.ntkexplorer.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.util.Duration;

import org.ntkexplorer.core.compute.ComputeExecutor;
import org.ntkexplorer.core.compute.TaskMonitor;
import org.ntkexplorer.core.experiment.run.ExperimentEvent;
import org.ntkexplorer.core.experiment.run.ExperimentRunner;
import org.ntkexplorer.core.experiment.run.RunPlan;
import org.ntkexplorer.core.experiment.run.RunReplay;
import org.ntkexplorer.core.experiment.run.RunService;
import org.ntkexplorer.core.experiment.run.TimeLeft;
import org.ntkexplorer.core.experiment.spec.ExperimentSpec;
import org.ntkexplorer.core.experiment.store.RunFolder;

/**
 * The window's view of running experiments. Runs go to the single compute thread; their events are queued
 * there and handed to the FX thread in batches at most ten times a second, so panels redraw at a bounded rate
 * however fast events come.
 */
public final class RunSession implements AutoCloseable {
    private static final Duration DRAIN_PERIOD = Duration.millis(100);

    private final ComputeExecutor executor;
    private final ConcurrentLinkedQueue<ExperimentEvent> queue = new ConcurrentLinkedQueue<>();
    private final List<Consumer<List<ExperimentEvent>>> consumers = new ArrayList<>();
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty stage = new SimpleStringProperty("idle");
    private final StringProperty timeLeft = new SimpleStringProperty("");
    private final ObjectProperty<Path> runFolder = new SimpleObjectProperty<>();
    private final Timeline drain;
    private final Timeline tick;
    private volatile boolean cancelRequested;
    /** A run folder is being read for {@link #open}; touched on the FX thread only. */
    private boolean loading;
    private final RunClock clock = new RunClock();

    /** A saved run as read for {@link #open}: its spec and how far it got. */
    public record Opened(ExperimentSpec spec, RunPlan.Completion completion) {
    }

    public RunSession(int threads) {
        this.executor = new ComputeExecutor(threads);
        this.drain = new Timeline(new KeyFrame(DRAIN_PERIOD, e -> drainNow()));
        drain.setCycleCount(Timeline.INDEFINITE);
        drain.play();
        // Between reports the estimate still falls with the clock, once a second.
        tick = new Timeline(new KeyFrame(Duration.seconds(1), e -> showTimeLeft()));
        tick.setCycleCount(Timeline.INDEFINITE);
        tick.play();
    }

    public int threads() {
        return executor.threads();
    }

    /** Called on the FX thread with each batch of events, in order. */
    public void addConsumer(Consumer<List<ExperimentEvent>> consumer) {
        consumers.add(consumer);
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty stageProperty() {
        return stage;
    }

    /** Nothing shown any more (another study chosen): the status bar forgets the last run's state. */
    public void forgetShownRun() {
        if (!running.get()) {
            stage.set("idle");
            progress.set(0);
            timeLeft.set("");
        }
    }

    public StringProperty timeLeftProperty() {
        return timeLeft;
    }

    public ObjectProperty<Path> runFolderProperty() {
        return runFolder;
    }

    /**
     * Starts a run into a new folder; the FX thread returns at once. On the compute thread the run service checks
     * the spec and only then creates the folder; if either fails the run ends with a {@link ExperimentEvent.Failed}
     * naming the problem, and a run that could not start leaves no folder.
     */
    public void start(ExperimentSpec spec, Path folderPath) {
        ensureIdle();
        begin(folderPath);
        clock.start(TimeLeft.of(spec, List.of()));
        submitRun(() -> {
            RunFolder folder;
            try {
                folder = RunService.create(spec, folderPath);
            } catch (IOException e) {
                queue.add(new ExperimentEvent.Failed("the run folder could not be created: " + e.getMessage(), false));
                return;
            } catch (RuntimeException e) {
                queue.add(new ExperimentEvent.Failed(e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage(), false));
                return;
            }
            runAndClose(spec, folder);
        });
    }

    /**
     * Continues an unfinished run: its saved results are shown first, then the run goes on where it stopped.
     * Completes with the run's spec once the folder has been read, or exceptionally if it cannot be.
     */
    public CompletableFuture<ExperimentSpec> resume(Path folderPath) {
        ensureIdle();
        begin(folderPath);
        CompletableFuture<ExperimentSpec> read = new CompletableFuture<>();
        submitRun(() -> {
            RunFolder folder = null;
            ExperimentSpec spec;
            try {
                folder = RunService.resume(folderPath);
                spec = folder.spec();
                queue.addAll(RunReplay.of(folder));
                TimeLeft t = TimeLeft.of(folder);
                Platform.runLater(() -> clock.start(t));
            } catch (IOException | RuntimeException e) {
                closeQuietly(folder);
                read.completeExceptionally(e);
                queue.add(new ExperimentEvent.Failed(folderPath + " cannot be resumed: " + e.getMessage(), false));
                return;
            }
            read.complete(spec);
            runAndClose(spec, folder);
        });
        return read;
    }

    /**
     * Runs a task on the compute thread that ends with a Finished or Failed event; anything it throws, errors
     * included, still ends the run with a Failed event naming it, so the window never stays "running".
     */
    private void submitRun(Runnable task) {
        executor.submit(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                queue.add(new ExperimentEvent.Failed(t.getClass().getSimpleName()
                        + (t.getMessage() == null ? "" : ": " + t.getMessage()), false));
            }
            return null;
        });
    }

    /**
     * Shows a finished or interrupted run again from its folder. The files are read on the compute thread; their
     * events reach the consumers on the FX thread, and then the future completes with the run's spec. Nothing else
     * can start until it has.
     */
    public CompletableFuture<Opened> open(Path folderPath) {
        ensureIdle();
        loading = true;
        CompletableFuture<Opened> read = new CompletableFuture<>();
        executor.submit(() -> {
            try {
                RunFolder folder = RunFolder.open(folderPath);
                Opened opened = new Opened(folder.spec(), RunPlan.completion(folder));
                List<ExperimentEvent> events = RunReplay.of(folder);
                Platform.runLater(() -> {
                    loading = false;
                    runFolder.set(folderPath);
                    // The status bar tells this run's state, not what the last live run ended with.
                    stage.set("opened: " + opened.completion().describe());
                    progress.set(opened.completion().total() == 0 ? 0
                            : opened.completion().finished() / (double) opened.completion().total());
                    timeLeft.set("");
                    read.complete(opened);
                    for (Consumer<List<ExperimentEvent>> c : consumers) {
                        c.accept(events);
                    }
                });
            } catch (Throwable t) {
                Platform.runLater(() -> {
                    loading = false;
                    read.completeExceptionally(t);
                });
            }
            return null;
        });
        return read;
    }

    private static void closeQuietly(RunFolder folder) {
        if (folder != null) {
            try {
                folder.close();
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger(RunSession.class).warn("could not release {}", folder.dir(), e);
            }
        }
    }

    private void ensureIdle() {
        if (running.get()) {
            throw new IllegalStateException("a run is going; cancel it first");
        }
        if (loading) {
            throw new IllegalStateException("a run folder is still being read; try again in a moment");
        }
    }

    private void begin(Path folderPath) {
        cancelRequested = false;
        running.set(true);
        progress.set(0);
        stage.set("starting");
        runFolder.set(folderPath);
        timeLeft.set("");
        clock.start(null);
    }

    /** Runs to the end on the compute thread and then releases the folder's lock. */
    private void runAndClose(ExperimentSpec spec, RunFolder folder) {
        try (folder) {
            runner(spec, folder).run();
        } catch (IOException e) {
            queue.add(new ExperimentEvent.Failed("the run folder could not be released: " + e.getMessage(), false));
        }
    }

    private ExperimentRunner runner(ExperimentSpec spec, RunFolder folder) {
        TaskMonitor monitor = new TaskMonitor() {
            @Override
            public boolean isCancelled() {
                return cancelRequested;
            }
        };
        return new ExperimentRunner(spec, folder, queue::add, monitor);
    }

    /** Asks the run to stop; it ends within about a second, keeping everything finished in its folder. */
    public void cancel() {
        cancelRequested = true;
        stage.set("cancelling…");
    }

    private void drainNow() {
        if (queue.isEmpty()) {
            return;
        }
        List<ExperimentEvent> batch = new ArrayList<>();
        for (ExperimentEvent e; (e = queue.poll()) != null; ) {
            batch.add(e);
            clock.accept(e);
            if (e instanceof ExperimentEvent.Progress p) {
                progress.set(p.fraction());
                stage.set(p.stage());
            } else if (e instanceof ExperimentEvent.Finished f) {
                running.set(false);
                progress.set(1);
                stage.set(String.format("finished in %.1f s", f.seconds()));
            } else if (e instanceof ExperimentEvent.Failed f) {
                running.set(false);
                stage.set(f.cancelled() ? "cancelled" : "failed: " + f.reason());
            }
        }
        showTimeLeft();
        for (Consumer<List<ExperimentEvent>> c : consumers) {
            c.accept(batch);
        }
    }

    private void showTimeLeft() {
        timeLeft.set(running.get() ? clock.text() : "");
    }

    @Override
    public void close() {
        cancelRequested = true;
        drain.stop();
        tick.stop();
        executor.close();
    }
}
