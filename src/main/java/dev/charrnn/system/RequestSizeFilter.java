package dev.charrnn.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every request body is held to its limit on the bytes actually read, however it is framed: a declared length
 * over the limit is refused before reading (413), and a body without one (chunked) is cut off with a 413 as soon
 * as it passes the limit. The limit is {@code charrnn.max-request-bytes} unless a feature declares a
 * {@link BodyLimit} for the route. Bodies are also bounded in time and number, so that slow senders cannot hold
 * the request threads: at most {@code charrnn.http.max-concurrent-bodies} are received at once (503 with Retry-After
 * past it), and a body that arrives slower than {@code charrnn.http.min-body-rate} bytes a second on average, after a
 * grace period, is a 408 and the connection is closed. Authentication runs first, so a refused request never
 * takes a place here. Multipart bodies are read by the container itself and are bounded by
 * {@code spring.servlet.multipart.*} instead.
 *
 * <p>A body refused for its size is answered at once, then read and dropped for a little while before the
 * connection closes (the lingering close of Apache httpd and nginx): closing a socket with unread bytes sends a
 * reset, and a client still sending would lose the answer already in its buffers to it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
// Web test slices register this class without the properties scan; this brings its settings along.
@EnableConfigurationProperties(CharrnnProperties.class)
class RequestSizeFilter extends OncePerRequestFilter {
    private final long maxBytes;
    private final long minBytesPerSecond;
    private final long graceNanos;
    private final int maxConcurrent;
    private final Semaphore receiving;
    private final List<BodyLimit> routes;
    private final ProblemResponses problems;

    /** How long and how much a refused body is read and dropped after its answer went out. */
    private static final long LINGER_NANOS = 2_000_000_000L;

    private static final long LINGER_BYTES = 32L * 1024 * 1024;

    RequestSizeFilter(CharrnnProperties properties, JsonMapper json, ObjectProvider<BodyLimit> routes) {
        CharrnnProperties.Http http = properties.http();
        this.maxBytes = properties.maxRequestBytes().toBytes();
        this.minBytesPerSecond = http.minBodyRate().toBytes();
        this.graceNanos = http.bodyGracePeriod().toNanos();
        this.maxConcurrent = http.maxConcurrentBodies();
        this.receiving = new Semaphore(maxConcurrent);
        this.routes = routes.orderedStream().toList();
        this.problems = new ProblemResponses(json);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length == 0 || length < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
            chain.doFilter(request, response);
            return;
        }
        BodyLimit limit = limitFor(request);
        if (length > limit.maxBytes()) {
            problems.writeThenRead(
                    request,
                    response,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "the request body has " + length + " bytes; the limit (" + limit.rule() + ") is "
                            + limit.maxBytes());
            lingerIfPlace(request, response);
            return;
        }
        if (!receiving.tryAcquire()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problems.write(
                    request,
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    maxConcurrent + " request bodies are "
                            + "being received already (charrnn.http.max-concurrent-bodies); retry shortly");
            return;
        }
        BoundedRequest bounded = new BoundedRequest(request, limit);
        try {
            chain.doFilter(bounded, response);
            if (response.getStatus() >= 400 && response.getStatus() != HttpStatus.REQUEST_TIMEOUT.value()) {
                bounded.drainInPlace();
            }
            if (bounded.stream != null && bounded.stream.overLimit) {
                lingerInPlace(request, response);
            }
        } finally {
            receiving.release();
        }
    }

    /** {@link #lingerInPlace} when a receiving place is free: lingering counts as receiving a body. */
    private void lingerIfPlace(HttpServletRequest request, HttpServletResponse response) {
        if (receiving.tryAcquire()) {
            try {
                lingerInPlace(request, response);
            } finally {
                receiving.release();
            }
        }
    }

    /**
     * Sends the answer, then reads and drops what the client is still sending, up to {@link #LINGER_BYTES} or
     * {@link #LINGER_NANOS} (checked between reads; one read waits at most Tomcat's connection timeout), so that the
     * close which follows comes after the client had the answer. Consumes the request's input.
     */
    private static void lingerInPlace(HttpServletRequest request, HttpServletResponse response) {
        try {
            response.flushBuffer();
            ServletInputStream in = request.getInputStream();
            byte[] dropped = new byte[64 * 1024];
            long deadline = System.nanoTime() + LINGER_NANOS;
            for (long left = LINGER_BYTES; left > 0 && System.nanoTime() < deadline; ) {
                int n = in.read(dropped, 0, (int) Math.min(dropped.length, left));
                if (n < 0) {
                    return;
                }
                left -= n;
            }
        } catch (IOException | RuntimeException clientGone) {
            // nothing more to do for this connection: it closes
        }
    }

    private BodyLimit limitFor(HttpServletRequest request) {
        for (BodyLimit route : routes) {
            if (route.method().equals(request.getMethod()) && route.path().equals(request.getRequestURI())) {
                return route;
            }
        }
        return new BodyLimit(request.getMethod(), request.getRequestURI(), maxBytes, "charrnn.max-request-bytes");
    }

    /** The request with its body stream counted and timed. */
    private final class BoundedRequest extends HttpServletRequestWrapper {
        private final BodyLimit limit;
        private BoundedStream stream;

        BoundedRequest(HttpServletRequest request, BodyLimit limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new BoundedStream(super.getInputStream(), limit);
            }
            return stream;
        }

        /**
         * Reads what is left of a refused body under the same size and pace rules, so that the connection can carry
         * the client's next request: the container would otherwise close it with the rest unread (ProblemReportValve),
         * and a client that had already sent its next request on it would get no answer. Consumes the input.
         */
        void drainInPlace() {
            if (stream != null && stream.overLimit) {
                return;
            }
            byte[] dropped = new byte[8 * 1024];
            try {
                ServletInputStream in = getInputStream();
                while (!in.isFinished() && in.read(dropped) >= 0) {
                    // dropped
                }
            } catch (IOException | RuntimeException tooLargeSlowOrGone) {
                // the connection closes after the answer, as before
            }
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding != null ? Charset.forName(encoding) : StandardCharsets.UTF_8;
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private final class BoundedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final BodyLimit limit;
        private final long started = System.nanoTime();
        private long read;
        private boolean overLimit;

        BoundedStream(ServletInputStream in, BodyLimit limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (overLimit) {
                throw tooLarge();
            }
            int n;
            try {
                n = in.read(b, off, (int) Math.min(len, limit.maxBytes() + 1 - read));
            } catch (IOException e) {
                if (timedOut(e)) {
                    throw tooSlow();
                }
                throw e;
            }
            if (n > 0) {
                read += n;
                if (read > limit.maxBytes()) {
                    overLimit = true;
                    throw tooLarge();
                }
                long elapsed = System.nanoTime() - started;
                if (elapsed > graceNanos && read * 1_000_000_000.0 / elapsed < minBytesPerSecond) {
                    throw tooSlow();
                }
            }
            return n;
        }

        private ApiException tooLarge() {
            return new ApiException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "the request body is larger than " + limit.maxBytes() + " bytes, the limit (" + limit.rule() + ")");
        }

        private ApiException tooSlow() {
            return new ApiException(
                    HttpStatus.REQUEST_TIMEOUT,
                    "the request body arrived slower than " + minBytesPerSecond
                            + " bytes a second (charrnn.http.min-body-rate) or stalled");
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
