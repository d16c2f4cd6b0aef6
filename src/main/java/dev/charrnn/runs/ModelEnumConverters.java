package dev.charrnn.runs;

import dev.charrnn.nn.ModelConfig;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/** The model configuration's choices in their columns: lowercase names, as the API writes them ("lstm", "adam"). */
final class ModelEnumConverters {
    private ModelEnumConverters() {}

    static String name(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
    }

    @Converter(autoApply = true)
    public static class CellConverter implements AttributeConverter<ModelConfig.Cell, String> {
        @Override
        public String convertToDatabaseColumn(ModelConfig.Cell cell) {
            return name(cell);
        }

        @Override
        public ModelConfig.Cell convertToEntityAttribute(String column) {
            return parse(ModelConfig.Cell.class, column);
        }
    }

    @Converter(autoApply = true)
    public static class OptimizerConverter implements AttributeConverter<ModelConfig.Optimizer, String> {
        @Override
        public String convertToDatabaseColumn(ModelConfig.Optimizer optimizer) {
            return name(optimizer);
        }

        @Override
        public ModelConfig.Optimizer convertToEntityAttribute(String column) {
            return parse(ModelConfig.Optimizer.class, column);
        }
    }

    @Converter(autoApply = true)
    public static class PrecisionConverter implements AttributeConverter<ModelConfig.Precision, String> {
        @Override
        public String convertToDatabaseColumn(ModelConfig.Precision precision) {
            return name(precision);
        }

        @Override
        public ModelConfig.Precision convertToEntityAttribute(String column) {
            return parse(ModelConfig.Precision.class, column);
        }
    }
}
