package dev.charrnn.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.charrnn.corpus.CorpusService;
import dev.charrnn.system.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(RunController.class)
class RunControllerTest {
    @Autowired
    MockMvc mvc;

    @MockitoBean
    RunService runs;

    @MockitoBean
    RunCatalog catalog;

    @MockitoBean
    CorpusService corpora;

    @Test
    void submitAnswers202WithLocation() throws Exception {
        given(runs.submit(any(), isNull(), isNull()))
                .willReturn(new RunService.Submitted(RunViews.of(7, RunStatus.QUEUED), true));

        mvc.perform(post("/api/runs").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/runs/7"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.id").value(7))
                .andExpect(jsonPath("$.status").value("QUEUED"))
                .andExpect(jsonPath("$.queuePosition").value(1));
    }

    @Test
    void submitPassesTheFieldsAndTheIdempotencyKey() throws Exception {
        given(runs.submit(any(), isNull(), eq("k-1")))
                .willReturn(new RunService.Submitted(RunViews.of(3, RunStatus.RUNNING), false));

        mvc.perform(post("/api/runs")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("Idempotency-Key", "k-1")
                        .content("{\"hiddenSize\":100,\"seqLength\":10,\"sampleTemperatures\":[0.5,1.0]}"))
                .andExpect(status().isOk())
                .andExpect(header().string("Location", "/api/runs/3"));

        ArgumentCaptor<RunRequest> request = ArgumentCaptor.forClass(RunRequest.class);
        verify(runs).submit(request.capture(), isNull(), eq("k-1"));
        assertThat(request.getValue().hiddenSize()).isEqualTo(100);
        assertThat(request.getValue().seqLength()).isEqualTo(10);
        assertThat(request.getValue().numIterations()).isNull();
        assertThat(request.getValue().sampleTemperatures()).containsExactly(0.5, 1.0);
    }

    @Test
    void everyInvalidFieldIsNamed() throws Exception {
        mvc.perform(post("/api/runs")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hiddenSize\":0,\"seqLength\":5000,\"learningRate\":-1}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail")
                        .value(allOf(
                                containsString("hiddenSize"),
                                containsString("seqLength"),
                                containsString("learningRate"))))
                .andExpect(jsonPath("$.errors.length()").value(3));
        verifyNoInteractions(runs);
    }

    @Test
    void unknownFieldsAndBrokenJsonAreBadRequests() throws Exception {
        mvc.perform(post("/api/runs").contentType(MediaType.APPLICATION_JSON).content("{\"hiddenSise\":10}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("hiddenSise")));
        mvc.perform(post("/api/runs").contentType(MediaType.APPLICATION_JSON).content("{\"hiddenSize\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/runs").contentType(MediaType.APPLICATION_JSON).content("{\"hiddenSize\":\"big\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("hiddenSize")));
        verifyNoInteractions(runs);
    }

    @Test
    void multipartSubmitHandsTheDecodedFileToTheService() throws Exception {
        byte[] text = "hello world\n".getBytes(StandardCharsets.UTF_8);
        given(corpora.decodeUtf8(text)).willReturn("hello world\n");
        given(runs.submit(any(), eq("hello world\n"), isNull()))
                .willReturn(new RunService.Submitted(RunViews.of(9, RunStatus.QUEUED), true));

        mvc.perform(multipart("/api/runs")
                        .file(new MockMultipartFile("file", "c.txt", "text/plain", text))
                        .param("numIterations", "300")
                        .param("hiddenSize", "16"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/runs/9"));

        ArgumentCaptor<RunRequest> request = ArgumentCaptor.forClass(RunRequest.class);
        verify(runs).submit(request.capture(), eq("hello world\n"), isNull());
        assertThat(request.getValue().numIterations()).isEqualTo(300);
        assertThat(request.getValue().hiddenSize()).isEqualTo(16);
    }

    @Test
    void invalidMultipartFieldsAreNamed() throws Exception {
        mvc.perform(multipart("/api/runs").param("hiddenSize", "0").param("numIterations", "-5"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail")
                        .value(allOf(containsString("hiddenSize"), containsString("numIterations"))));
        verifyNoInteractions(runs);
    }

    @Test
    void aFullQueueIs429WithRetryAfter() throws Exception {
        given(runs.submit(any(), any(), any())).willThrow(new RunService.QueueFullException(100));

        mvc.perform(post("/api/runs").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "10"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void getAnswersTheRunOr404() throws Exception {
        given(runs.get(1)).willReturn(RunViews.of(1, RunStatus.SUCCEEDED));
        given(runs.get(2)).willThrow(ApiException.notFound("run", 2));

        mvc.perform(get("/api/runs/1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.summary.numSteps").value(2000));
        mvc.perform(get("/api/runs/2"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").value("run 2 does not exist"));
        mvc.perform(get("/api/runs/abc"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void listPassesStatusAndPaging() throws Exception {
        given(catalog.list(argThat(p -> List.of("RUNNING").equals(p.get("status"))), eq(1), eq(5)))
                .willReturn(new RunPage(List.of(RunViews.of(4, RunStatus.RUNNING)), 1, 5, 6, 2));

        mvc.perform(get("/api/runs")
                        .param("status", "RUNNING")
                        .param("page", "1")
                        .param("size", "5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].id").value(4))
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.size").value(5))
                .andExpect(jsonPath("$.totalElements").value(6));
    }

    @Test
    void cancelAFinishedRunIs409() throws Exception {
        given(runs.cancel(5)).willReturn(RunViews.of(5, RunStatus.CANCELLED));
        given(runs.cancel(6)).willThrow(ApiException.conflict("run 6 is already SUCCEEDED"));

        mvc.perform(post("/api/runs/5/cancel"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"));
        mvc.perform(post("/api/runs/6/cancel"))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("run 6 is already SUCCEEDED"));
    }

    @Test
    void deleteIs204Or409WhileRunning() throws Exception {
        willThrow(ApiException.conflict("run 8 is RUNNING; cancel it first"))
                .given(runs)
                .delete(8);

        mvc.perform(delete("/api/runs/7")).andExpect(status().isNoContent());
        verify(runs).delete(7);
        mvc.perform(delete("/api/runs/8"))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verify(runs, never()).cancel(8);
    }
}
