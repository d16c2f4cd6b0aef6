package dev.charrnn.system;

/**
 * A request-body limit for one route other than {@code charrnn.max-request-bytes}; a feature declares it as a bean
 * and {@link RequestSizeFilter} holds every body to it, counting the bytes actually read.
 *
 * @param method the HTTP method
 * @param path the exact request path
 * @param maxBytes the largest body accepted
 * @param rule what sets the limit, as an error names it
 */
public record BodyLimit(String method, String path, long maxBytes, String rule) {}
