package dev.charrnn.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.charrnn.nn.ModelConfig;
import dev.charrnn.nn.SeedWeights;
import dev.charrnn.nn.StackedTrainer;
import dev.charrnn.nn.TorchStateDict;
import dev.charrnn.nn.Trainer;
import dev.charrnn.nn.TrainingConfig;
import dev.charrnn.nn.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The uninterrupted run of a request, trained in-process by the core: what a service run must reproduce. */
public record Twin(double[] smoothLoss, double[] loss, List<String> samples, JsonNode weights) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static Twin train(
            String corpus,
            int hiddenSize,
            int seqLength,
            int numIterations,
            int sampleEvery,
            int sampleLength,
            long seed) {
        Vocabulary vocabulary = Vocabulary.of(corpus);
        TrainingConfig config = new TrainingConfig(
                hiddenSize, seqLength, numIterations, 0.1, sampleEvery, sampleLength, seed, List.of(1.0));
        Trainer trainer = Trainer.start(config, vocabulary, vocabulary.encode(corpus), null, null);
        double[] smooth = new double[numIterations];
        double[] raw = new double[numIterations];
        List<String> samples = new ArrayList<>();
        while (trainer.hasNext()) {
            Trainer.Step step = trainer.next();
            smooth[step.iteration()] = step.smoothLoss();
            raw[step.iteration()] = step.loss();
            step.samples().forEach(s -> samples.add(s.text()));
        }
        return new Twin(smooth, raw, samples, JSON.readTree(SeedWeights.toBytes(trainer.model())));
    }

    /** The same for any other model configuration: its weights as the PyTorch state_dict the service exports. */
    public static Twin trainStacked(int[] data, Vocabulary vocabulary, TrainingConfig config, ModelConfig model) {
        StackedTrainer trainer = StackedTrainer.start(config, model, vocabulary, data, null, null);
        int n = config.numIterations();
        double[] smooth = new double[n];
        double[] raw = new double[n];
        List<String> samples = new ArrayList<>();
        while (trainer.hasNext()) {
            Trainer.Step step = trainer.next();
            smooth[step.iteration()] = step.smoothLoss();
            raw[step.iteration()] = step.loss();
            step.samples().forEach(s -> samples.add(s.text()));
        }
        return new Twin(smooth, raw, samples, JSON.readTree(TorchStateDict.toBytes(trainer.model())));
    }

    /** Run {@code id} recorded exactly this: every iteration once, the same loss bits, samples and weights. */
    public void assertBitIdentical(ApiClient api, long id) {
        JsonNode losses = api.get("/api/runs/" + id + "/losses").expect(200);
        assertThat(ints(losses.get("iterations")))
                .as("every iteration once, in order")
                .containsExactly(IntStream.range(0, loss.length).toArray());
        assertThat(doubles(losses.get("loss"))).containsExactly(loss);
        assertThat(doubles(losses.get("smoothLoss"))).containsExactly(smoothLoss);
        List<String> recorded = new ArrayList<>();
        api.get("/api/runs/" + id + "/samples")
                .expect(200)
                .forEach(n -> recorded.add(n.get("sample").asString()));
        assertThat(recorded).isEqualTo(samples);
        assertThat(api.get("/api/runs/" + id + "/weights").expect(200)).isEqualTo(weights);
    }

    public static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).doubleValue();
        }
        return out;
    }

    public static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    public static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).intValue();
        }
        return out;
    }
}
