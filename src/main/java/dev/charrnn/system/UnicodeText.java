package dev.charrnn.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Text that comes in must be valid Unicode. A JSON string may spell a lone surrogate ({@code "\ud800"}), which no
 * encoding can store: UTF-8 turns it into '?', so two different texts would become one and a stored name would not
 * read back. Refused once for every text: every JSON string (a deserializer for all of them) and every request
 * parameter (query and form fields), with the field and the position.
 */
@Configuration(proxyBeanMethods = false)
public class UnicodeText implements WebMvcConfigurer {

    /** The index in code points of the first lone surrogate, or -1 when the text is valid Unicode. */
    public static int loneSurrogateAt(String text) {
        int codePoints = 0;
        for (int i = 0; i < text.length(); i++, codePoints++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return codePoints;
            }
        }
        return -1;
    }

    /** Null when valid, else what is wrong and where. */
    public static String problem(String text) {
        int at = text == null ? -1 : loneSurrogateAt(text);
        if (at < 0) {
            return null;
        }
        int utf16 = text.offsetByCodePoints(0, at);
        return String.format(
                "not valid Unicode: a lone surrogate U+%04X at character %d (counting from 0)",
                (int) text.charAt(utf16), at);
    }

    @Bean
    JacksonModule validUnicodeStrings() {
        return new SimpleModule("valid-unicode-strings").addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser p, DeserializationContext ctxt) {
                String value = super.deserialize(p, ctxt);
                String problem = problem(value);
                if (problem != null) {
                    // not reportInputMismatch: that one would be answered as a type mismatch ("expected a string")
                    throw DatabindException.from(p, problem);
                }
                return value;
            }
        });
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ValidParameters());
    }

    /** Refuses a request whose parameters (query string, form fields) hold text that is not valid Unicode. */
    static final class ValidParameters implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            Map<String, String[]> parameters;
            try {
                parameters = request.getParameterMap();
            } catch (RuntimeException unparsable) {
                return true; // a malformed query string is answered where the handler reads it
            }
            for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
                String problem = problem(parameter.getKey());
                for (String value : parameter.getValue()) {
                    problem = problem != null ? problem : problem(value);
                }
                if (problem != null) {
                    throw ApiException.badRequest("parameter '" + printable(parameter.getKey()) + "': " + problem);
                }
            }
            return true;
        }
    }

    private static String printable(String name) {
        return loneSurrogateAt(name) < 0 ? name : name.replaceAll("\\p{Cs}", "\uFFFD");
    }
}
