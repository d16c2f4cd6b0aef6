package dev.charrnn.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class UnicodeTextTest {

    @Test
    void findsTheFirstLoneSurrogateInCodePoints() {
        assertThat(UnicodeText.loneSurrogateAt("plain")).isEqualTo(-1);
        assertThat(UnicodeText.loneSurrogateAt("\ud83d\ude00 pair")).isEqualTo(-1);
        assertThat(UnicodeText.loneSurrogateAt("\ud83d\ude00a\ud800")).isEqualTo(2);
        assertThat(UnicodeText.loneSurrogateAt("\udc00\ud800")).isZero();
        assertThat(UnicodeText.loneSurrogateAt("ab\ud83d")).isEqualTo(2);
    }

    @Test
    void requestParametersThatAreNotValidUnicodeAreRefusedByName() throws Exception {
        UnicodeText.ValidParameters check = new UnicodeText.ValidParameters();
        MockHttpServletRequest fine = new MockHttpServletRequest("GET", "/api/runs/1/charts/hidden-states.png");
        fine.addParameter("text", "h\u00e9llo \ud83d\ude00");
        assertThat(check.preHandle(fine, new MockHttpServletResponse(), new Object()))
                .isTrue();

        MockHttpServletRequest bad = new MockHttpServletRequest("GET", "/api/runs/1/charts/hidden-states.png");
        bad.addParameter("text", "ab\udc00");
        assertThatThrownBy(() -> check.preHandle(bad, new MockHttpServletResponse(), new Object()))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("parameter 'text'")
                .hasMessageContaining("lone surrogate U+DC00 at character 2");
    }
}
