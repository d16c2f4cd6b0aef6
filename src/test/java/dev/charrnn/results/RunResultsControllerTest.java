package dev.charrnn.results;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.charrnn.records.CheckpointKind;
import dev.charrnn.runs.RunView;
import dev.charrnn.runs.StopReason;
import dev.charrnn.system.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(RunResultsController.class)
class RunResultsControllerTest {
    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RunResultsService results;

    private final RunResultsService.LossSeries series = new RunResultsService.LossSeries(
            new int[] {10, 11}, new double[] {50.5, 50.25}, new double[] {40.0, 0.125}, new int[0], new double[0]);

    @Test
    void lossesAsJson() throws Exception {
        given(results.losses(1, 10, 100)).willReturn(series);

        mvc.perform(get("/api/runs/1/losses").param("from", "10").param("maxPoints", "100"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.iterations[1]").value(11))
                .andExpect(jsonPath("$.smoothLoss[1]").value(50.25))
                .andExpect(jsonPath("$.loss[1]").value(0.125));
    }

    @Test
    void lossesAsCsvWhenAskedFor() throws Exception {
        given(results.losses(1, null, null)).willReturn(series);

        mvc.perform(get("/api/runs/1/losses").accept(CSV))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(CSV))
                .andExpect(content().string("iteration,smooth_loss,loss\n10,50.5,40.0\n11,50.25,0.125\n"));
    }

    @Test
    void lossErrorsAreProblemDetailsForJsonAndCsv() throws Exception {
        given(results.losses(1, -1, null)).willThrow(ApiException.badRequest("from must be >= 0, got -1"));
        given(results.losses(2, null, null)).willThrow(ApiException.notFound("run", 2));

        mvc.perform(get("/api/runs/1/losses").param("from", "-1"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("from must be >= 0, got -1"));
        mvc.perform(get("/api/runs/2/losses").accept(CSV))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/runs/1/losses").param("maxPoints", "many"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("maxPoints")));
    }

    @Test
    void samplesAndGenerated() throws Exception {
        given(results.samples(1, false))
                .willReturn(List.of(new RunResultsService.SampleView(200, 55.1, 1.0, "hello", null)));
        given(results.generated(1, false))
                .willReturn(List.of(new RunResultsService.GeneratedView(1, "h", "ello", null)));
        given(results.samples(3, false)).willThrow(ApiException.notFound("run", 3));

        mvc.perform(get("/api/runs/1/samples"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].iteration").value(200))
                .andExpect(jsonPath("$[0].sample").value("hello"));
        mvc.perform(get("/api/runs/1/generated"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].sampleId").value(1))
                .andExpect(jsonPath("$[0].seedChar").value("h"));
        mvc.perform(get("/api/runs/3/samples"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void summaryIs409UntilFinished() throws Exception {
        given(results.summary(1))
                .willReturn(new RunView.Summary(17.4, 17.3, 2000, null, null, StopReason.COMPLETED, null));
        given(results.summary(2)).willThrow(ApiException.conflict("run 2 is RUNNING"));

        mvc.perform(get("/api/runs/1/summary"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.finalLoss").value(17.4))
                .andExpect(jsonPath("$.minLoss").value(17.3))
                .andExpect(jsonPath("$.numSteps").value(2000));
        mvc.perform(get("/api/runs/2/summary"))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void weightsAreTheSeedJsonAndVocabularyAList() throws Exception {
        byte[] weights = "{\"Wxh\":[[0.5]],\"Whh\":[[0.0]],\"Why\":[[1.0]],\"bh\":[[0.0]],\"by\":[[0.0]]}"
                .getBytes(StandardCharsets.UTF_8);
        given(results.weightsJson(1, CheckpointKind.FINAL)).willReturn(weights);
        given(results.weightsJson(2, CheckpointKind.FINAL)).willThrow(ApiException.conflict("no weights yet"));
        given(results.vocabulary(1)).willReturn(List.of("\n", " ", "a"));

        mvc.perform(get("/api/runs/1/weights"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().bytes(weights));
        mvc.perform(get("/api/runs/2/weights"))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/runs/1/vocabulary"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0]").value("\n"))
                .andExpect(jsonPath("$.length()").value(3));
    }
}
