package org.firehub.rules.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.firehub.rules.RuleBook;
import org.firehub.rules.ThresholdRule;
import org.firehub.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload against real files: a good edit is applied, a bad one refused with its line, the old rules stay. */
class RuleCatalogueWatcherTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    Path file;
    String shipped;
    Vertx vertx;
    SimpleMeterRegistry meters;
    RuleCatalogueWatcher watcher;
    final List<RuleBook> told = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        shipped = Files.readString(CatalogueFiles.config("rules.yaml"));
        file = dir.resolve("rules.yaml");
        Files.writeString(file, shipped);
        vertx = Vertx.vertx();
        meters = new SimpleMeterRegistry();
        watcher = RuleCatalogueWatcher.start(vertx, loader(), meters, Duration.ofMillis(100), Clock.systemUTC());
        watcher.onChange(told::add);
    }

    @AfterEach
    void stop() {
        watcher.close();
        vertx.close().await();
    }

    private RuleCatalogueLoader loader() {
        return new RuleCatalogueLoader(file, CatalogueFiles.kinds(), Clock.systemUTC());
    }

    private double residualCurrentLevel() {
        return ((ThresholdRule) watcher.get().rule("electrical.residual_current").orElseThrow()).raiseAt();
    }

    private double reloads(String outcome) {
        return meters.get("firehub.rules.reload").tag("outcome", outcome).counter().count();
    }

    /** Saves like an editor does: a temporary file renamed over the original. */
    private void save(String content) throws Exception {
        Path temp = dir.resolve("rules.yaml.tmp");
        Files.writeString(temp, content);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int lineOf(String content, String text) {
        List<String> lines = content.lines().toList();
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
        throw new AssertionError("no line with " + text);
    }

    @Test
    void goodEditIsAppliedAndListenersAreTold() throws Exception {
        String before = watcher.status().version();
        save(shipped.replace("raise_at: 300 ", "raise_at: 500 ").replace("clear_at: 270", "clear_at: 470"));

        Await.until("the edited level is in force", WAIT, () -> residualCurrentLevel() == 500);
        Await.until("listeners are told", WAIT, () -> told.size() == 1);
        assertThat(told.getFirst()).isSameAs(watcher.get());
        assertThat(watcher.status().version()).isNotEqualTo(before).isEqualTo(RuleCatalogueLoader.sha256(Files.readAllBytes(file)));
        assertThat(reloads("applied")).isEqualTo(1);
        assertThat(meters.get("firehub.rules.loaded").tag("type", "correlation").gauge().value()).isEqualTo(2);
    }

    @Test
    void brokenEditIsRefusedWithItsLineAndTheRunningRulesStayUntilItIsFixed() throws Exception {
        String broken = shipped.replace("raise_at: 300 ", "raise_at: 3OO ");
        int line = lineOf(broken, "raise_at: 3OO");
        Files.writeString(file, broken); // in place, as `echo >` or a careless script would

        RuleCatalogueStatus status = Await.value("the broken file is refused", WAIT, watcher::status,
                s -> s.lastRefused().isPresent());
        RuleCatalogueStatus.Refusal refusal = status.lastRefused().orElseThrow();
        assertThat(refusal.error()).contains(file + ":" + line + ":").contains("raise_at must be a finite number, not '3OO'");
        assertThat(refusal.problems()).extracting(CatalogueProblem::line).containsExactly(line);
        assertThat(residualCurrentLevel()).as("the running rules stay").isEqualTo(300);
        assertThat(reloads("refused")).isEqualTo(1);
        Await.staysFalse("the same broken file is refused again", Duration.ofMillis(600), () -> reloads("refused") > 1);
        assertThat(told).isEmpty();

        save(shipped.replace("raise_at: 300 ", "raise_at: 400 ").replace("clear_at: 270", "clear_at: 370"));
        Await.until("the fixed file is applied", WAIT, () -> residualCurrentLevel() == 400);
        assertThat(reloads("applied")).isEqualTo(1);
        assertThat(watcher.status().lastRefused()).as("history: the last refusal stays visible").isPresent();
    }

    @Test
    void savingTheSameContentAgainIsNotAReload() throws Exception {
        save(shipped);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        Await.staysFalse("an unchanged catalogue is reloaded", Duration.ofMillis(1_500),
                () -> reloads("applied") + reloads("refused") > 0);
        assertThat(told).isEmpty();
    }

    @Test
    void aDeletedFileKeepsTheRulesInForce() throws Exception {
        Files.delete(file);
        Await.staysFalse("a missing file changes the rules", Duration.ofMillis(600), () -> reloads("refused") > 0);
        assertThat(residualCurrentLevel()).isEqualTo(300);
        save(shipped.replace("raise_at: 300 ", "raise_at: 450 ").replace("clear_at: 270", "clear_at: 420"));
        Await.until("the restored file is applied", WAIT, () -> residualCurrentLevel() == 450);
    }

    @Test
    void aBadFileAtStartStopsTheStartWithTheLine() throws Exception {
        String broken = shipped.replace("severity: critical", "severity: critcal");
        Files.writeString(file, broken);
        InvalidRuleCatalogue refused = catchThrowableOfType(InvalidRuleCatalogue.class,
                () -> RuleCatalogueWatcher.start(vertx, loader(), new SimpleMeterRegistry()));
        assertThat(refused.getMessage()).contains(file + ":" + lineOf(broken, "critcal") + ":")
                .contains("severity must be minor, major or critical, not 'critcal'");
    }
}
