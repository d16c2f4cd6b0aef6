package dev.charrnn.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.charrnn.nn.ModelConfig.Optimizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each optimizer against torch.optim in float64 on fixed gradients ({@code torch-golden/optimizers.py}), including
 * the options torch_charlm.py does not expose (AdamW's weight decay, SGD's momentum); a restored state continues
 * exactly; the schedules and the norm clipping by their definitions.
 */
class OptimizerGoldenTest {
    private static final JsonNode FIXTURE =
            JsonMapper.builder().build().readTree(NnFixtures.text("/torch-golden/optimizers.json"));

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "adamw, ADAM, 0.01, 0.1, 0",
        "adam, ADAM, 0.01, 0, 0",
        "sgd_momentum, SGD, 0.1, 0, 0.9",
        "rmsprop, RMSPROP, 0.01, 0, 0",
        "adagrad, ADAGRAD, 0.1, 0, 0"
    })
    void matchesTorchOptim(String name, Optimizer kind, double lr, double weightDecay, double momentum) {
        ModelConfig config = ModelConfig.reference()
                .withOptimizer(kind)
                .withWeightDecay(weightDecay)
                .withMomentum(momentum);
        double[][] params = tensors(FIXTURE.get("init"));
        GradientDescent optimizer = GradientDescent.create(config, params);
        JsonNode grads = FIXTURE.get("grads");
        for (int s = 0; s < grads.size(); s++) {
            if (s == 3) {
                // half way, continue from the saved state: it carries everything
                optimizer = GradientDescent.restore(config, optimizer.state());
            }
            optimizer.stepInPlace(params, tensors(grads.get(s)), lr);
        }
        double[][] expected = tensors(FIXTURE.get(name));
        double[][] init = tensors(FIXTURE.get("init"));
        for (int k = 0; k < expected.length; k++) {
            for (int i = 0; i < expected[k].length; i++) {
                assertThat(Math.abs(params[k][i] - expected[k][i]))
                        .as(name + " tensor " + k + "[" + i + "]")
                        .isLessThan(1e-14);
                assertThat(Math.abs(params[k][i] - init[k][i])).isGreaterThan(1e-4);
            }
        }
        assertThat(optimizer.state().step()).isEqualTo(grads.size());
    }

    @Test
    void aStateCannotContinueAnotherOptimizer() {
        double[][] params = tensors(FIXTURE.get("init"));
        OptimizerState adam = GradientDescent.create(ModelConfig.reference().withOptimizer(Optimizer.ADAM), params)
                .state();
        assertThatThrownBy(() -> GradientDescent.restore(ModelConfig.reference().withOptimizer(Optimizer.SGD), adam))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("adam cannot continue sgd");
    }

    @Test
    void schedules() {
        TrainingConfig base = new TrainingConfig(8, 5, 1000, 0.1, 10, 0, 1, List.of(1.0));
        assertThat(LearningRateSchedule.rate(base, ModelConfig.reference(), 999))
                .isEqualTo(0.1);
        ModelConfig step = ModelConfig.reference().withStepDecay(0.5, 100);
        assertThat(LearningRateSchedule.rate(base, step, 99)).isEqualTo(0.1);
        assertThat(LearningRateSchedule.rate(base, step, 100)).isEqualTo(0.05);
        assertThat(LearningRateSchedule.rate(base, step, 250)).isEqualTo(0.025);
        ModelConfig cosine = ModelConfig.reference().withCosine(100, 0.01);
        assertThat(LearningRateSchedule.rate(base, cosine, 0)).isEqualTo(0.1 * 1 / 101);
        assertThat(LearningRateSchedule.rate(base, cosine, 99)).isEqualTo(0.1 * 100 / 101);
        assertThat(LearningRateSchedule.rate(base, cosine, 100)).isEqualTo(0.1);
        assertThat(LearningRateSchedule.rate(base, cosine, 550))
                .isCloseTo(0.055, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(LearningRateSchedule.rate(base, cosine, 1000))
                .isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void normClippingScalesEveryTensorByMaxOverNormPlusEps() {
        double[][] g = {{3.0, 0.0}, {0.0, 4.0, 0.0}};
        double total = GradientClipping.clipNormInPlace(g, 1.0);
        assertThat(total).isEqualTo(5.0);
        double coef = 1.0 / (5.0 + 1e-6);
        assertThat(g[0][0]).isEqualTo(3.0 * coef);
        assertThat(g[1][1]).isEqualTo(4.0 * coef);
        double[][] small = {{0.3}, {0.4}};
        GradientClipping.clipNormInPlace(small, 1.0);
        assertThat(small[0][0]).isEqualTo(0.3);
        double[][] e = {{-7.0, 2.0, 9.0}};
        GradientClipping.clipElementsInPlace(e, 5.0);
        assertThat(e[0]).containsExactly(-5.0, 2.0, 5.0);
    }

    private static double[][] tensors(JsonNode list) {
        double[][] out = new double[list.size()][];
        for (int k = 0; k < out.length; k++) {
            out[k] = new double[list.get(k).size()];
            for (int i = 0; i < out[k].length; i++) {
                out[k][i] = list.get(k).get(i).doubleValue();
            }
        }
        return out;
    }
}
