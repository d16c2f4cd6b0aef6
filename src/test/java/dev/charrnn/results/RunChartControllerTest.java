package dev.charrnn.results;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.charrnn.system.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(RunChartController.class)
class RunChartControllerTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RunChartService charts;

    @Test
    void lossChartIsAPngWithAnETag() throws Exception {
        given(charts.lossChartTag(1)).willReturn("loss-1-2000-SUCCEEDED");
        given(charts.lossChart(1)).willReturn(PNG);

        mvc.perform(get("/api/runs/1/charts/loss.png"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.IMAGE_PNG))
                .andExpect(header().string("ETag", "\"loss-1-2000-SUCCEEDED\""))
                .andExpect(header().string("Cache-Control", "no-cache"))
                .andExpect(content().bytes(PNG));
    }

    @Test
    void anUnchangedChartIs304WithoutDrawing() throws Exception {
        given(charts.lossChartTag(1)).willReturn("loss-1-2000-SUCCEEDED");
        given(charts.hiddenStatesTag(1, null, null, null)).willReturn("hs-1-2000-0");

        mvc.perform(get("/api/runs/1/charts/loss.png").header("If-None-Match", "\"loss-1-2000-SUCCEEDED\""))
                .andExpect(status().isNotModified())
                .andExpect(content().bytes(new byte[0]));
        mvc.perform(get("/api/runs/1/charts/hidden-states.png").header("If-None-Match", "\"hs-1-2000-0\""))
                .andExpect(status().isNotModified());
        verify(charts, never()).lossChart(anyLong());
        verify(charts, never()).hiddenStates(anyLong(), any(), any(), any());
    }

    @Test
    void aChangedChartIsRedrawn() throws Exception {
        given(charts.lossChartTag(1)).willReturn("loss-1-1200-RUNNING");
        given(charts.lossChart(1)).willReturn(PNG);

        mvc.perform(get("/api/runs/1/charts/loss.png").header("If-None-Match", "\"loss-1-800-RUNNING\""))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"loss-1-1200-RUNNING\""))
                .andExpect(content().bytes(PNG));
    }

    @Test
    void hiddenStatesPassesTheProbe() throws Exception {
        given(charts.hiddenStatesTag(1, "hello", null, null)).willReturn("hs-1-2000-5e918d2");
        given(charts.hiddenStates(1, "hello", null, null)).willReturn(PNG);

        mvc.perform(get("/api/runs/1/charts/hidden-states.png").param("text", "hello"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.IMAGE_PNG))
                .andExpect(content().bytes(PNG));
    }

    @Test
    void errorsAreProblemDetailsEvenWhenAPngIsAccepted() throws Exception {
        given(charts.lossChartTag(2)).willThrow(ApiException.notFound("run", 2));
        given(charts.hiddenStatesTag(1, "XYZ", null, null)).willReturn("hs-1-2000-1");
        given(charts.hiddenStates(1, "XYZ", null, null))
                .willThrow(ApiException.badRequest("text has characters that are not in the run's vocabulary"));
        given(charts.hiddenStatesTag(3, null, null, null)).willReturn("hs-3--1-0");
        given(charts.hiddenStates(3, null, null, null)).willThrow(ApiException.conflict("run 3 has no weights yet"));

        mvc.perform(get("/api/runs/2/charts/loss.png").accept(MediaType.IMAGE_PNG))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("run 2 does not exist"));
        mvc.perform(get("/api/runs/1/charts/hidden-states.png").param("text", "XYZ"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/runs/3/charts/hidden-states.png"))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
