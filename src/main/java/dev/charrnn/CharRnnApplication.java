package dev.charrnn;

import dev.charrnn.cli.BenchCommand;
import dev.charrnn.cli.TrainCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point. {@code train ...} runs the seed-compatible command line and {@code bench ...} times the training
 * core, both without starting Spring;
 * no arguments (or any other) start the web service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CharRnnApplication {

    public static void main(String[] args) {
        if (args.length > 0 && "train".equals(args[0])) {
            System.exit(TrainCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        if (args.length > 0 && "bench".equals(args[0])) {
            System.exit(BenchCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        SpringApplication.run(CharRnnApplication.class, args);
    }
}
