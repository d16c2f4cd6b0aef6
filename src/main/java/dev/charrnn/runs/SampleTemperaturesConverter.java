package dev.charrnn.runs;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** A run's sample temperatures in their column: comma-separated, in the order samples are drawn. */
@Converter(autoApply = true)
public class SampleTemperaturesConverter implements AttributeConverter<List<Double>, String> {

    @Override
    public String convertToDatabaseColumn(List<Double> temperatures) {
        return temperatures.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    @Override
    public List<Double> convertToEntityAttribute(String csv) {
        return Arrays.stream(csv.split(",")).map(Double::valueOf).toList();
    }
}
