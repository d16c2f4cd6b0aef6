package dev.charrnn.system;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text's length in characters (Unicode code points), the unit every length in the API is given in; Bean
 * Validation's {@code @Size} counts UTF-16 units, so an emoji would count twice. Optionally no control characters
 * (category Cc: U+0000-U+001F, U+007F-U+009F), for labels people read in lists. Null is valid.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CodePoints.Validator.class)
public @interface CodePoints {
    int max();

    boolean controlCharacters() default true;

    String message() default "must have at most {max} characters (code points)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<CodePoints, String> {
        private int max;
        private boolean controlCharacters;

        @Override
        public void initialize(CodePoints annotation) {
            max = annotation.max();
            controlCharacters = annotation.controlCharacters();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            int length = value.codePointCount(0, value.length());
            if (length > max) {
                return false;
            }
            if (!controlCharacters) {
                for (int i = 0; i < value.length(); i++) {
                    if (Character.isISOControl(value.charAt(i))) {
                        context.disableDefaultConstraintViolation();
                        context.buildConstraintViolationWithTemplate(String.format(
                                        "must not contain control " + "characters; character %d is U+%04X",
                                        value.codePointCount(0, i), (int) value.charAt(i)))
                                .addConstraintViolation();
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
