package dev.charrnn.cli;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code --show}: hands the charts to the desktop's image viewer, or says why it cannot. */
final class ImageViewer {
    private ImageViewer() {}

    static void open(List<Path> images, PrintStream err) {
        boolean supported;
        try {
            supported = !GraphicsEnvironment.isHeadless()
                    && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(Desktop.Action.OPEN);
        } catch (RuntimeException | LinkageError e) {
            supported = false;
        }
        if (!supported) {
            err.println("--show: no desktop to open the charts on (headless or unsupported); they are at:");
            images.forEach(p -> err.println("  " + p.toAbsolutePath().normalize()));
            return;
        }
        for (Path image : images) {
            try {
                Desktop.getDesktop().open(image.toFile());
            } catch (IOException | RuntimeException e) {
                err.println("--show: cannot open " + image + ": " + e.getMessage());
            }
        }
    }
}
