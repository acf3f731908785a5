package com.bizosaas.eventbus.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Several server processes of one deployment (one PostgreSQL schema, one broker namespace), as a
 * Kubernetes Deployment runs them. The first starts alone, so the schema is migrated once; the
 * others start together. Not thread-safe: one test thread drives it.
 */
final class ServerCluster implements AutoCloseable {
    private static final int SIGKILL_EXIT_STATUS = 128 + 9;
    private static final int SIGTERM_EXIT_STATUS = 128 + 15;

    private final List<ServerProcess> instances = new ArrayList<>();
    private final Process[] processes;

    /** {@code environment}: the broker and any other {@code EVENTBUS_*} settings every instance shares. */
    ServerCluster(String name, int size, Map<String, String> environment) {
        ServerProcess first = new ServerProcess(name, environment);
        instances.add(first);
        for (int i = 1; i < size; i++) {
            instances.add(first.peer());
        }
        processes = new Process[size];
    }

    ServerCluster start() throws IOException {
        processes[0] = instances.get(0).start();
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int i = 1; i < size(); i++) {
            int index = i;
            others.add(CompletableFuture.runAsync(() -> restart(index)));
        }
        others.forEach(CompletableFuture::join);
        return this;
    }

    int size() {
        return instances.size();
    }

    TestHttp http(int instance) {
        return instances.get(instance).http();
    }

    ServerProcess instance(int instance) {
        return instances.get(instance);
    }

    /** SIGKILL: the process gets no chance to hand anything back. */
    void kill(int instance) throws InterruptedException {
        stop(instance, true, SIGKILL_EXIT_STATUS);
    }

    /** SIGTERM, as Kubernetes sends it; returns once the process has exited as a graceful shutdown does. */
    void terminate(int instance) throws InterruptedException {
        stop(instance, false, SIGTERM_EXIT_STATUS);
    }

    /** Starts the instance again and returns once it is ready. */
    void restart(int instance) {
        try {
            processes[instance] = instances.get(instance).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stop(int instance, boolean kill, int expectedStatus) throws InterruptedException {
        Process process = processes[instance];
        if (kill) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("instance " + instance + " did not exit within 60 s of "
                    + (kill ? "SIGKILL" : "SIGTERM") + "; log: " + instances.get(instance).log());
        }
        if (process.exitValue() != expectedStatus) {
            throw new AssertionError("instance " + instance + " exited with " + process.exitValue() + ", expected "
                    + expectedStatus + "; log: " + instances.get(instance).log());
        }
        processes[instance] = null;
    }

    @Override
    public void close() throws Exception {
        for (Process process : processes) {
            if (process != null) {
                process.destroyForcibly();
                process.waitFor(20, TimeUnit.SECONDS);
            }
        }
        instances.get(0).dropData();
    }
}
