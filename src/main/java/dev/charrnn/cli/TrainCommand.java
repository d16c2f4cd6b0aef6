package dev.charrnn.cli;

public final class TrainCommand {
    private TrainCommand() {
    }

    public static int run(String[] args) {
        System.err.println("train: not implemented yet");
        return 2;
    }
}
