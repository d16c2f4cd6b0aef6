package dev.charrnn.system;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Integers in paths, query parameters and form fields are ASCII decimal only. Spring's default conversion also
 * reads {@code 0x10} and {@code #10} as hexadecimal (and {@code Long.parseLong} reads other scripts' digits), so
 * {@code /api/runs/0x10} was run 16; here anything but {@code -?[0-9]+} is a 400 naming the parameter. An editor
 * rather than a converter: a failed conversion falls back to the default editors, which would accept it again.
 */
@ControllerAdvice
class DecimalNumbers {
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+");

    @InitBinder
    void decimalOnly(WebDataBinder binder) {
        binder.registerCustomEditor(long.class, new Decimal(Long::valueOf, false));
        binder.registerCustomEditor(Long.class, new Decimal(Long::valueOf, true));
        binder.registerCustomEditor(int.class, new Decimal(Integer::valueOf, false));
        binder.registerCustomEditor(Integer.class, new Decimal(Integer::valueOf, true));
    }

    private static final class Decimal extends PropertyEditorSupport {
        private final Function<String, Number> parse;
        private final boolean emptyIsNull;

        Decimal(Function<String, Number> parse, boolean emptyIsNull) {
            this.parse = parse;
            this.emptyIsNull = emptyIsNull;
        }

        @Override
        public void setAsText(String text) {
            if (text == null || text.isEmpty() && emptyIsNull) {
                setValue(null);
                return;
            }
            if (!DECIMAL.matcher(text).matches()) {
                throw new IllegalArgumentException("not a decimal integer");
            }
            setValue(parse.apply(text));
        }
    }
}
