package dev.charrnn.corpus;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.charrnn.system.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(CorpusController.class)
class CorpusControllerTest {
    private static final CorpusInfo INFO = new CorpusInfo(3, "ab12", 12, 8);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    CorpusService corpora;

    @Test
    void storeFromJsonIs201WithLocation() throws Exception {
        given(corpora.store("abcabc hello")).willReturn(INFO);

        mvc.perform(post("/api/corpora").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"abcabc hello\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/corpora/3"))
                .andExpect(jsonPath("$.id").value(3))
                .andExpect(jsonPath("$.characters").value(12))
                .andExpect(jsonPath("$.vocabularySize").value(8));
    }

    @Test
    void aMissingTextIsNamed() throws Exception {
        mvc.perform(post("/api/corpora").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("text")));
        verifyNoInteractions(corpora);
    }

    @Test
    void storeFromAnUpload() throws Exception {
        byte[] bytes = "abcabc hello".getBytes(StandardCharsets.UTF_8);
        given(corpora.decodeUtf8(bytes)).willReturn("abcabc hello");
        given(corpora.store("abcabc hello")).willReturn(INFO);

        mvc.perform(multipart("/api/corpora").file(new MockMultipartFile("file", "c.txt", "text/plain", bytes)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/corpora/3"));
    }

    @Test
    void aMissingFilePartIs400() throws Exception {
        mvc.perform(multipart("/api/corpora"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void serviceRefusalsKeepTheirStatus() throws Exception {
        given(corpora.store("aaaa")).willThrow(ApiException.badRequest("the corpus has a single distinct character"));
        given(corpora.store("big")).willThrow(new ApiException(HttpStatus.CONTENT_TOO_LARGE, "too large"));
        given(corpora.get(9)).willThrow(ApiException.notFound("corpus", 9));

        mvc.perform(post("/api/corpora").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"aaaa\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/corpora").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"big\"}"))
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/corpora/9"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("corpus 9 does not exist"));
    }

    @Test
    void getAStoredCorpus() throws Exception {
        given(corpora.get(3)).willReturn(INFO);

        mvc.perform(get("/api/corpora/3"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sha256").value("ab12"));
    }
}
