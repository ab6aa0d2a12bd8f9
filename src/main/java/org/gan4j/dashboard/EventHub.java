package org.gan4j.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Fans Server-Sent Events out to the connected pages without ever making the publisher wait.
 *
 * <p>Each client has a bounded queue ({@value #QUEUE} frames). {@link #publish} only offers to the
 * queues: when a client reads too slowly its queue is full and its oldest frame is dropped, so a
 * stalled browser costs the training thread one failed offer, never a blocked write. A writer
 * thread per client (the server's) drains its queue onto the socket.
 *
 * <p>The last {@value #REPLAY} frames other than step scalars (grids, evaluations, warnings, run
 * end) are replayed to a page that connects later, so a warning is not lost by opening the page
 * after it.
 */
final class EventHub {
    static final int QUEUE = 256;
    static final int REPLAY = 64;
    /** At most this many pages listen at once; more are refused (each holds a server thread). */
    static final int MAX_CLIENTS = 8;

    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final ArrayDeque<byte[]> replay = new ArrayDeque<>();

    /** A connected page: its queue of encoded frames. */
    static final class Client {
        private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE);
        private volatile long dropped;

        /** The next frame, or null when none came within {@code millis}. */
        byte[] next(long millis) throws InterruptedException {
            return queue.poll(millis, TimeUnit.MILLISECONDS);
        }

        long dropped() {
            return dropped;
        }

        private void offer(byte[] frame) {
            while (!queue.offer(frame)) {
                if (queue.poll() != null) {
                    dropped++;
                }
            }
        }
    }

    /** Publishes one event ({@code type}, JSON {@code data}) to every client; never blocks. */
    void publish(String type, String json) {
        byte[] frame = frame(type, json);
        if (!type.equals("step")) {
            synchronized (replay) {
                if (replay.size() == REPLAY) {
                    replay.removeFirst();
                }
                replay.addLast(frame);
            }
        }
        for (Client c : clients) {
            c.offer(frame);
        }
    }

    /** Registers a page, its queue primed with the replayed frames; null when {@link #MAX_CLIENTS} listen already. */
    Client connect() {
        if (clients.size() >= MAX_CLIENTS) {
            return null;
        }
        Client c = new Client();
        synchronized (replay) {
            replay.forEach(c::offer);
        }
        clients.add(c);
        return c;
    }

    void disconnect(Client c) {
        clients.remove(c);
    }

    int clients() {
        return clients.size();
    }

    static byte[] frame(String type, String json) {
        return ("event: " + type + "\ndata: " + json.replace("\n", "\ndata: ") + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
