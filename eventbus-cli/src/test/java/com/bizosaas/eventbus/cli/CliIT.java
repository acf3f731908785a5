package com.bizosaas.eventbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.server.EventBusServer;
import com.bizosaas.eventbus.server.RunningServer;
import com.bizosaas.eventbus.server.ServerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every command of the tool against the real server, started in-process on a free port (in-memory store and broker). */
class CliIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Nothing listens on port 1: every webhook attempt is refused at once. */
    private static final String UNREACHABLE = "http://127.0.0.1:1/hook";

    private static RunningServer server;
    private static String url;
    private final String tenant = UUID.randomUUID().toString();

    @TempDir
    Path dir;

    /** What one run of the tool did. */
    record Run(int exit, String out, String err) {
        List<JsonNode> lines() {
            List<JsonNode> docs = new ArrayList<>();
            out.lines().filter(l -> !l.isBlank()).forEach(l -> {
                try {
                    docs.add(JsonOutput.MAPPER.readTree(l));
                } catch (IOException e) {
                    throw new AssertionError("not a JSON line: " + l, e);
                }
            });
            return docs;
        }

        JsonNode json() {
            assertThat(lines()).as("out: " + out + " err: " + err).hasSize(1);
            return lines().get(0);
        }
    }

    @BeforeAll
    static void startServer() {
        server = EventBusServer.start(ServerConfig.fromEnvironment(Map.of("EVENTBUS_SERVICE_PORT", "0")));
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static Run run(String... args) {
        return runWithInput(null, args);
    }

    private static Run runWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = EventBusCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("--url", url));
        all.addAll(List.of(args));
        InputStream original = System.in;
        if (stdin != null) {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            int exit = cli.execute(all.toArray(String[]::new));
            return new Run(exit, out.toString(), err.toString());
        } finally {
            System.setIn(original);
        }
    }

    private static Run ok(Run run) {
        assertThat(run.exit()).as("exit status; err: " + run.err()).isZero();
        return run;
    }

    // ---- publish, history, tail ----

    @Test
    void publishTakesDataInlineFromAFileAndFromStandardInputAndPrintsTheReceipt() throws IOException {
        Path data = Files.writeString(dir.resolve("lead.json"), "{\"email\": \"file@acme.example\"}");

        JsonNode inline = ok(run("publish", "--tenant", tenant, "--type", "lead.created", "--data",
                "{\"email\": \"inline@acme.example\"}", "--subject", "lead-1", "--priority", "high")).json();
        ok(run("publish", "--tenant", tenant, "--type", "lead.created", "--data", "@" + data));
        ok(runWithInput("{\"email\": \"stdin@acme.example\"}", "publish", "--tenant", tenant, "--type", "lead.created",
                "--data", "-"));

        assertThat(inline.get("event_id").asText()).isNotBlank();
        List<JsonNode> history = ok(run("history", "--tenant", tenant, "--oldest-first")).lines();
        assertThat(history).extracting(e -> e.get("data").get("email").asText())
                .containsExactly("inline@acme.example", "file@acme.example", "stdin@acme.example");
        assertThat(history.get(0).get("id").asText()).isEqualTo(inline.get("event_id").asText());
        assertThat(history.get(0).get("priority").asText()).isEqualTo("high");
        assertThat(history.get(0).get("source_service").asText()).isEqualTo("eventbus-cli");
    }

    @Test
    void aBatchFromJsonLinesOrAJsonArrayIsPublishedWithOneReceiptPerEvent() throws IOException {
        String event = "{\"event_type\": \"lead.created\", \"tenant_id\": \"" + tenant + "\", \"data\": {\"n\": %d}}";
        Path lines = Files.writeString(dir.resolve("events.jsonl"),
                event.formatted(1) + "\n" + event.formatted(2) + "\n\n" + event.formatted(3) + "\n");

        assertThat(ok(run("publish", "--batch", "@" + lines)).lines()).hasSize(3);
        assertThat(ok(runWithInput("[" + event.formatted(4) + "," + event.formatted(5) + "]", "publish", "--batch", "-"))
                .lines()).hasSize(2);
        assertThat(ok(run("history", "--tenant", tenant)).lines()).hasSize(5);
    }

    @Test
    void historyPagesWithTheCursorPrintedOnStandardError() {
        for (int i = 0; i < 3; i++) {
            ok(run("publish", "--tenant", tenant, "--type", "lead.created"));
        }

        Run first = ok(run("history", "--tenant", tenant, "--limit", "2"));
        assertThat(first.lines()).hasSize(2);
        assertThat(first.err()).startsWith("next cursor: ");
        String cursor = first.err().substring("next cursor: ".length()).strip();
        Run second = ok(run("history", "--tenant", tenant, "--limit", "2", "--after", cursor));
        assertThat(second.lines()).hasSize(1);
        assertThat(second.err()).isEmpty();
    }

    @Test
    void tailPrintsNewEventsOfTheChosenTypesAsJsonLinesAfterAPosition() throws Exception {
        long start = ok(run("publish", "--tenant", tenant, "--type", "lead.created")).json().get("position").asLong();
        CompletableFuture<Run> tail = CompletableFuture.supplyAsync(() -> run("tail", "--tenant", tenant,
                "--type", "lead.qualified", "--after", Long.toString(start), "--count", "2"));

        ok(run("publish", "--tenant", tenant, "--type", "lead.created"));
        String first = ok(run("publish", "--tenant", tenant, "--type", "lead.qualified")).json().get("event_id").asText();
        String second = ok(run("publish", "--tenant", tenant, "--type", "lead.qualified")).json().get("event_id").asText();

        Run tailed = ok(tail.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertThat(tailed.lines()).extracting(e -> e.get("id").asText()).containsExactly(first, second);
        assertThat(tailed.lines()).allSatisfy(e -> assertThat(e.get("event_type").asText()).isEqualTo("lead.qualified"));
    }

    // ---- subscriptions, dead letters, replay, health ----

    @Test
    void aSubscriptionIsCreatedListedPausedResumedAndDeleted() {
        JsonNode created = ok(run("subscriptions", "create", "--service", "crm", "--type", "lead.*", "--tenant", tenant,
                "--webhook-url", UNREACHABLE, "--max-attempts", "2")).json();
        String id = created.get("id").asText();

        assertThat(created.get("secret").asText()).startsWith("whsec_");
        assertThat(created.get("service_name").asText()).isEqualTo("crm");
        assertThat(ok(run("subscriptions", "list")).lines()).extracting(s -> s.get("id").asText()).contains(id);
        assertThat(ok(run("subscriptions", "pause", id)).json().get("status").asText()).isEqualTo("paused");
        assertThat(ok(run("subscriptions", "resume", id)).json().get("status").asText()).isEqualTo("active");
        ok(run("subscriptions", "delete", id));
        assertThat(ok(run("subscriptions", "list")).lines()).extracting(s -> s.get("id").asText())
                .doesNotContain(id);
    }

    @Test
    void aDeadLetterIsListedShownRedrivenAndDiscarded() {
        String sub = ok(run("subscriptions", "create", "--service", "crm", "--type", "lead.created", "--tenant", tenant,
                "--webhook-url", UNREACHABLE, "--max-attempts", "1")).json().get("id").asText();
        String event = ok(run("publish", "--tenant", tenant, "--type", "lead.created")).json().get("event_id").asText();

        Await.until(WAIT, () -> ok(run("dlq", "list", "--subscription", sub)).lines().size() == 1, "a dead letter");
        JsonNode letter = ok(run("dlq", "list", "--subscription", sub)).json();
        String id = letter.get("id").asText();
        assertThat(letter.get("event_id").asText()).isEqualTo(event);
        assertThat(ok(run("dlq", "show", id)).json().get("attempt_log")).hasSize(1);
        assertThat(ok(run("dlq", "redrive", id)).json().get("redriven").asInt()).isEqualTo(1);
        Await.until(WAIT, () -> ok(run("dlq", "list", "--subscription", sub)).lines().size() == 1, "dead again");
        assertThat(ok(run("dlq", "discard", id)).json().get("discarded").asInt()).isEqualTo(1);
        assertThat(ok(run("dlq", "list", "--subscription", sub)).lines()).isEmpty();
    }

    @Test
    void aReplayIsStartedAndItsStatusShown() {
        String sub = ok(run("subscriptions", "create", "--service", "crm", "--type", "lead.created", "--tenant", tenant,
                "--webhook-url", UNREACHABLE)).json().get("id").asText();
        ok(run("publish", "--tenant", tenant, "--type", "lead.created"));
        ok(run("publish", "--tenant", tenant, "--type", "lead.created"));

        String replay = ok(run("replay", "start", "--subscription", sub, "--type", "lead.created")).json()
                .get("replay_id").asText();

        Await.until(WAIT, () -> !ok(run("replay", "status", replay)).json().get("finished_at").isNull(), "it finished");
        assertThat(ok(run("replay", "status", replay)).json().get("events_scanned").asInt()).isEqualTo(2);
    }

    @Test
    void healthPrintsTheSeedsShape() {
        JsonNode health = ok(run("health")).json();

        assertThat(health.get("status").asText()).isEqualTo("healthy");
        assertThat(health.get("components").has("event_store")).isTrue();
    }

    // ---- errors, exit codes, help, completion ----

    @Test
    void aServerErrorPrintsTheServersMessageWithoutAStackTraceAndExits1() {
        String unknown = UUID.randomUUID().toString();

        Run run = run("subscriptions", "pause", unknown);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("eventbus: ").contains("subscription " + unknown + " does not exist")
                .doesNotContain("Exception").doesNotContain("\tat ");
        Run invalid = run("publish", "--tenant", tenant, "--type", "Not A Type");
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.err()).startsWith("eventbus: ").contains("event_type").doesNotContain("\tat ");
    }

    @Test
    void anUnreachableBusExits1WithTheReason() {
        StringWriter err = new StringWriter();
        CommandLine cli = EventBusCli.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));

        int exit = cli.execute("--url", "http://127.0.0.1:1", "health");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("eventbus: GET /health").doesNotContain("\tat ");
    }

    @Test
    void usageErrorsExit2WithAMessage() {
        assertThat(run("publish", "--type", "lead.created").exit()).isEqualTo(2);
        Run badJson = run("publish", "--tenant", tenant, "--type", "lead.created", "--data", "{not json");
        assertThat(badJson.exit()).isEqualTo(2);
        assertThat(badJson.err()).contains("--data is not valid JSON");
        assertThat(run("publish", "--tenant", "not-a-uuid", "--type", "lead.created").exit()).isEqualTo(2);
        assertThat(run("publish", "--tenant", tenant, "--type", "lead.created", "--data", "@" + dir.resolve("missing"))
                .exit()).isEqualTo(2);
        assertThat(run("no-such-command").exit()).isEqualTo(2);
        assertThat(run("dlq", "show", "not-a-uuid").exit()).isEqualTo(2);
    }

    @Test
    void everyCommandHasHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(EventBusCli.commandLine(), new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(15);

        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Run help = run(args.toArray(String[]::new));
            assertThat(help.exit()).as(String.join(" ", args)).isZero();
            assertThat(help.out()).as(String.join(" ", args)).contains("Usage: eventbus");
        }
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            List<String> deeper = new ArrayList<>(path);
            deeper.add(name);
            collect(sub, deeper, into);
        });
    }

    @Test
    void aBashCompletionScriptIsGenerated() {
        Run completion = ok(run("generate-completion"));

        assertThat(completion.out()).contains("complete -F").contains("subscriptions").contains("dlq");
    }

    @Test
    void theUrlAndApiKeyComeFromTheEnvironmentInTheRunnableTool() throws Exception {
        RunningServer keyed = EventBusServer.start(ServerConfig.fromEnvironment(Map.of(
                "EVENTBUS_SERVICE_PORT", "0", "EVENTBUS_API_KEYS", "ops-key:*")));
        try {
            String keyedUrl = "http://127.0.0.1:" + keyed.port();

            Process withKey = tool(Map.of("EVENTBUS_URL", keyedUrl, "EVENTBUS_API_KEY", "ops-key"), "subscriptions", "list");
            Process withoutKey = tool(Map.of("EVENTBUS_URL", keyedUrl), "subscriptions", "list");

            assertThat(withKey.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(withKey.exitValue()).as(new String(withKey.getErrorStream().readAllBytes())).isZero();
            assertThat(withoutKey.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(withoutKey.exitValue()).isEqualTo(1);
            assertThat(new String(withoutKey.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                    .contains("eventbus: GET /subscriptions: an API key is required").doesNotContain("\tat ");
        } finally {
            keyed.close();
        }
    }

    /** The tool's main() in its own JVM, as {@code java -jar} runs it, with only these EVENTBUS_* variables. */
    private static Process tool(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EventBusCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("EVENTBUS_"));
        builder.environment().putAll(env);
        return builder.start();
    }
}
