package org.coopgraph.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Starts Neo4j Community embedded, with only its Bolt connector open on loopback, so the
 * TypeScript service talks to it exactly as it would to a Neo4j server, Aura or a cluster.
 *
 * Configuration comes from the environment (the Node side passes it through):
 *   NEO4J_BOLT_PORT        Bolt port on 127.0.0.1                      default 7687
 *   NEO4J_DATA_DIR         database home; reused across restarts        default .data/neo4j
 *   NEO4J_PAGECACHE_MB     page cache size (off-heap)                   default 256
 *   NEO4J_TX_MEMORY_MB     cap on memory of all running transactions    default 256
 *   NEO4J_AUTH_PASSWORD    when set, auth is on and user neo4j has it   default unset (auth off)
 *
 * Flags: --exit-on-stdin-eof makes the database shut down when its parent process goes away
 * (the parent holds our stdin; a crashed or SIGKILLed parent closes it), so no orphan JVM
 * survives the Node process that started it.
 *
 * Output: exactly one line starting with "coopgraph-neo4j ready" once the default database is
 * available (Bolt answering alone is not readiness). Failures print one line starting with
 * "coopgraph-neo4j error" and exit non-zero: 2 when the port is taken, 1 otherwise.
 */
public final class Launcher {
    private static final String READY = "coopgraph-neo4j ready";
    private static final String ERROR = "coopgraph-neo4j error";

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        int port = Integer.parseInt(env.getOrDefault("NEO4J_BOLT_PORT", "7687"));
        Path home = Path.of(env.getOrDefault("NEO4J_DATA_DIR", ".data/neo4j")).toAbsolutePath();
        long pageCacheMb = Long.parseLong(env.getOrDefault("NEO4J_PAGECACHE_MB", "256"));
        long txMemoryMb = Long.parseLong(env.getOrDefault("NEO4J_TX_MEMORY_MB", "256"));
        String password = env.get("NEO4J_AUTH_PASSWORD");
        boolean exitOnStdinEof = java.util.Arrays.asList(args).contains("--exit-on-stdin-eof");

        // Neo4j's own bind failure is a long stack trace; say plainly which knob to turn instead.
        if (!portIsFree(port)) {
            System.out.println(ERROR + ": port " + port + " on 127.0.0.1 is already in use; "
                    + "set NEO4J_BOLT_PORT to a free port, or stop what holds it");
            System.exit(2);
        }
        Files.createDirectories(home);
        log("starting Neo4j in " + home + " (bolt 127.0.0.1:" + port + ", page cache " + pageCacheMb + " MB)");

        DatabaseManagementService service;
        try {
            service = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, password != null)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.mebiBytes(txMemoryMb))
                    .build();
        } catch (RuntimeException e) {
            System.out.println(ERROR + ": could not start Neo4j: " + rootMessage(e));
            System.exit(1);
            return;
        }
        // Registered before anything can fail, so a SIGTERM/SIGINT always closes the store cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("shutting down");
            service.shutdown();
            log("stopped");
        }, "neo4j-shutdown"));

        // Neo4j's own threads keep the JVM alive, so any failure from here on must exit explicitly.
        try {
            if (!service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(TimeUnit.MINUTES.toMillis(5))) {
                System.out.println(ERROR + ": database 'neo4j' did not become available within 5 minutes");
                System.exit(1);
            }
            if (password != null) {
                setPassword(service, password);
            }
        } catch (RuntimeException e) {
            System.out.println(ERROR + ": " + rootMessage(e));
            System.exit(1);
        }
        System.out.println(READY + " bolt://127.0.0.1:" + port);
        System.out.flush();

        if (exitOnStdinEof) {
            waitForEof(System.in);
            log("parent process went away");
            System.exit(0);
        }
        Thread.currentThread().join();
    }

    /** Sets user neo4j's password; a restart with the password already set is fine as it is. */
    private static void setPassword(DatabaseManagementService service, String password) {
        try {
            service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            if (!rootMessage(e).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void waitForEof(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // The parent never writes; anything it sends is ignored.
            }
        } catch (IOException ignored) {
            // A broken pipe means the same as EOF: the parent is gone.
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static void log(String message) {
        System.err.println("[neo4j] " + message);
    }
}
