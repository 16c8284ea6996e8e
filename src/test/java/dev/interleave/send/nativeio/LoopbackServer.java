package dev.interleave.send.nativeio;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A one-connection server on 127.0.0.1, port 0, that does one thing with the connection it accepts. */
final class LoopbackServer implements AutoCloseable {
    /** What to do with the accepted connection; the result is handed to {@link #result}. */
    interface Handler<T> {
        T handle(Socket s) throws IOException;
    }

    private final ServerSocket server;
    private final CompletableFuture<Object> result = new CompletableFuture<>();
    private volatile Socket accepted;

    <T> LoopbackServer(int receiveBuffer, Handler<T> handler) throws IOException {
        server = new ServerSocket();
        if (receiveBuffer > 0) {
            server.setReceiveBufferSize(receiveBuffer); // inherited by the accepted socket
        }
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofPlatform().daemon(true).name("loopback-server").start(() -> {
            try (Socket s = server.accept()) {
                accepted = s;
                result.complete(handler.handle(s));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
    }

    /** Reads the whole connection and counts it with a {@link SequentialFrameParser}. */
    static LoopbackServer parsing(int runIdLow, int payloadSize) throws IOException {
        return new LoopbackServer(0, s -> new SequentialFrameParser(runIdLow, payloadSize).parse(s.getInputStream()));
    }

    /** Accepts and never reads: the sender's buffers fill up and its send() calls block. */
    static LoopbackServer neverReading() throws IOException {
        return new LoopbackServer(4096, s -> {
            try {
                while (!s.isClosed()) { // until the test closes this server
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
    }

    /** Writes {@code reply} back, then reads everything to the end. */
    static LoopbackServer replying(byte[] reply) throws IOException {
        return new LoopbackServer(0, s -> {
            OutputStream out = s.getOutputStream();
            out.write(reply);
            out.flush();
            s.shutdownOutput();
            return s.getInputStream().readAllBytes().length;
        });
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    @SuppressWarnings("unchecked")
    <T> T result(long seconds) throws Exception {
        try {
            return (T) result.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        } catch (TimeoutException e) {
            throw new AssertionError("the loopback server did not finish within " + seconds + " s", e);
        }
    }

    @Override
    public void close() throws IOException {
        Socket s = accepted;
        if (s != null) {
            s.close();
        }
        server.close();
    }
}
