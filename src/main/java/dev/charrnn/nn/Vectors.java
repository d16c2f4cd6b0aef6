package dev.charrnn.nn;

/**
 * Whether {@link Matmul} may use the Vector API. {@code jdk.incubator.vector} is an incubating module in JDK 17: it
 * is resolved only when the JVM is started with {@code --add-modules jdk.incubator.vector}, and a class that uses
 * it fails to load otherwise. So the vector kernels are loaded by name, only when the module is there and
 * {@code -Dcharrnn.matmul=loops} does not ask for the plain loops (the results are the same bits either way).
 */
final class Vectors {
    static final String PROPERTY = "charrnn.matmul";

    private Vectors() {}

    static boolean available() {
        return !"loops".equals(System.getProperty(PROPERTY))
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** A new instance of {@code className}, or null when the Vector API is not available. */
    static <T> T load(String className, Class<T> type) {
        if (!available()) {
            return null;
        }
        try {
            return type.cast(Class.forName(className).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** "vector" or "loops": what the products run on in this JVM. */
    static String route() {
        return DoubleGemm.VECTOR != null ? "vector" : "loops";
    }
}
