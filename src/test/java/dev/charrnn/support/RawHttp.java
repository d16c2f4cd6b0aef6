package dev.charrnn.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, for requests a client library refuses to send (malformed escapes, TRACE, chunked
 * bodies of a chosen size, oversized headers) and for watching what the server does with the connection.
 */
public final class RawHttp {
    private RawHttp() {}

    /** One answer; {@code closed} tells whether the server closed the connection after it. */
    public record Answer(int status, Map<String, String> headers, String body, boolean closed) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends {@code head} (request line and headers, without the blank line), then {@code body}, and reads one answer. */
    public static Answer exchange(int port, String head, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    socket.getOutputStream().write(body);
                } catch (IOException e) {
                    // the server answered and closed before taking all of it: read what it said
                }
            }
            socket.getOutputStream().flush();
            return read(socket, 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code prefix} then spaces up to {@code size} bytes, as a chunked body (no length declared): JSON whitespace,
     * so that only a size limit, not a field's own check, can refuse it before its end.
     */
    public static Answer chunked(int port, String requestLine, String contentType, String prefix, long size) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(" ".repeat((int) Math.max(0, size - body.size())).getBytes(StandardCharsets.US_ASCII));
        return chunked(port, requestLine, contentType, body.toByteArray());
    }

    /** {@code body} sent in 64 KB chunks (no length declared). */
    public static Answer chunked(int port, String requestLine, String contentType, byte[] body) {
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        for (int off = 0; off < body.length; off += 64 * 1024) {
            int n = Math.min(64 * 1024, body.length - off);
            framed.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            framed.write(body, off, n);
            framed.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        framed.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return exchange(
                port,
                requestLine + "\r\nHost: localhost\r\nContent-Type: " + contentType
                        + "\r\nTransfer-Encoding: chunked\r\nConnection: close",
                framed.toByteArray());
    }

    /** Reads one answer from the socket; then waits up to {@code closeWaitMillis} to see whether it is closed. */
    public static Answer read(Socket socket, int closeWaitMillis) throws IOException {
        InputStream in = socket.getInputStream();
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.merge(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.writeBytes(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int n = Integer.parseInt(line(in).trim(), 16); n > 0; n = Integer.parseInt(line(in).trim(), 16)) {
                body.writeBytes(in.readNBytes(n));
                line(in);
            }
            line(in);
        } else {
            // neither length nor chunks: the body ends where the server closes the connection
            body.writeBytes(in.readAllBytes());
            return new Answer(status, headers, body.toString(StandardCharsets.UTF_8), true);
        }
        boolean closed;
        socket.setSoTimeout(closeWaitMillis);
        try {
            closed = in.read() < 0;
        } catch (SocketTimeoutException e) {
            closed = false;
        } catch (IOException e) {
            closed = true;
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8), closed);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
