package fr.paris.ledger.application.resilience;

import fr.paris.ledger.application.LedgerApplication;
import fr.paris.ledger.application.support.Tokens;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The service as a real separate JVM ({@code java -cp <the production classpath> LedgerApplication}),
 * on a free port of its own, that a test can kill with SIGKILL. Its output goes to
 * {@code <workDir>/<name>.log}. Every process still running when the test JVM ends is killed by a
 * shutdown hook, so a failing test leaves none behind.
 */
final class ServiceProcess implements AutoCloseable {
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "service-processes-kill"));
    }

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts a node on a free port against {@code jdbcUrl} and waits until it answers. {@code properties}
     * are passed as {@code --key=value} arguments, after the defaults, so they win.
     */
    static ServiceProcess start(String name, Path workDir, String jdbcUrl, String user, String password,
                                Map<String, String> properties) {
        try {
            Files.createDirectories(workDir);
            int port = freePort();
            Map<String, String> args = new LinkedHashMap<>();
            args.put("server.port", Integer.toString(port));
            args.put("spring.datasource.url", jdbcUrl);
            args.put("spring.datasource.username", user);
            args.put("spring.datasource.password", password == null ? "" : password);
            args.put("ledger.database.embedded-default", "false");
            args.put("ledger.jwt.hmac-secret", Tokens.SECRET);
            args.put("ledger.data-dir", workDir.resolve("data").toString());
            args.put("logging.level.root", "WARN");
            args.put("logging.level.fr.paris.ledger", "INFO");
            args.put("spring.datasource.hikari.maximum-pool-size", "10");
            args.put("springdoc.api-docs.enabled", "false");
            args.put("springdoc.swagger-ui.enabled", "false");
            args.putAll(properties);
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-Xshare:auto", "-cp", productionClasspath(), LedgerApplication.class.getName()));
            args.forEach((k, v) -> command.add("--" + k + "=" + v));
            Path log = workDir.resolve(name + ".log");
            Files.writeString(log, "=== start " + java.time.Instant.now() + " on port " + port + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            RUNNING.add(process);
            ServiceProcess node = new ServiceProcess(name, process, port, log);
            node.awaitAnswering(Duration.ofSeconds(180));
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://localhost:" + port;
    }

    int port() {
        return port;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: the JVM gets no chance to finish anything. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(process);
    }

    /** SIGTERM (graceful shutdown), then SIGKILL if it has not ended within 20 s. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        RUNNING.remove(process);
    }

    /** The last lines of the node's log, for failure messages. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void awaitAnswering(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " exited with " + process.exitValue() + ":\n" + logTail(60));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        kill();
        throw new IllegalStateException("node " + name + " did not answer within " + timeout + ":\n" + logTail(60));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test JVM's classpath without test classes: what the packaged service holds, plus test-only jars. */
    static String productionClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/")
                        && !entry.contains("surefire"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
