package dev.charrnn.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * TRACE is never served (it would echo the request's headers, credentials included): it is a 405 problem detail
 * whose {@code Allow} lists the methods the path really has, learnt by asking the application the OPTIONS
 * question for the same path; a path that does not exist is a 404 as for any other method.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class TraceFilter extends OncePerRequestFilter {
    private final ProblemResponses problems;

    TraceFilter(JsonMapper json) {
        this.problems = new ProblemResponses(json);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"TRACE".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        OptionsProbe probe = new OptionsProbe(response);
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public String getMethod() {
                        return "OPTIONS";
                    }
                },
                probe);
        response.reset();
        SecurityHeaders.set(request, response);
        if (probe.status == HttpStatus.NOT_FOUND.value() || probe.allow == null) {
            problems.write(request, response, HttpStatus.NOT_FOUND, ProblemReportValve.detail(404));
            return;
        }
        response.setHeader(HttpHeaders.ALLOW, probe.allow);
        problems.write(
                request,
                response,
                HttpStatus.METHOD_NOT_ALLOWED,
                "TRACE is not served; this path accepts " + probe.allow);
    }

    /** Records the status and Allow header of the OPTIONS answer and lets nothing of it reach the client. */
    private static final class OptionsProbe extends HttpServletResponseWrapper {
        int status = 200;
        String allow;

        OptionsProbe(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
        }

        @Override
        public void sendError(int sc) {
            status = sc;
        }

        @Override
        public void sendError(int sc, String msg) {
            status = sc;
        }

        @Override
        public void setHeader(String name, String value) {
            record(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            record(name, value);
        }

        private void record(String name, String value) {
            if (HttpHeaders.ALLOW.equalsIgnoreCase(name)) {
                allow = allow == null ? value : allow + "," + value;
            }
        }

        @Override
        public boolean containsHeader(String name) {
            return HttpHeaders.ALLOW.equalsIgnoreCase(name) ? allow != null : super.containsHeader(name);
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        @Override
        public void flushBuffer() {}

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {}

                @Override
                public void write(int b) {}

                @Override
                public void write(byte[] b, int off, int len) {}
            };
        }

        @Override
        public PrintWriter getWriter() {
            return new PrintWriter(Writer.nullWriter());
        }
    }
}
