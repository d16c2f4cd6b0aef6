package dev.charrnn.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A model imported in the reference's weights format; immutable once stored. */
@Entity
@Table(name = "imported_model")
class ImportedModel {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    @Column(name = "hidden_size", nullable = false)
    private int hiddenSize;

    @Column(name = "vocabulary_size", nullable = false)
    private int vocabularySize;

    /** JSON array of one-character strings in index order. */
    @Column(nullable = false)
    private String vocabulary;

    /** {@link WeightsCodec} blob. */
    @Column(nullable = false)
    private byte[] weights;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ImportedModel() {}

    ImportedModel(
            String name, int hiddenSize, int vocabularySize, String vocabulary, byte[] weights, Instant createdAt) {
        this.name = name;
        this.hiddenSize = hiddenSize;
        this.vocabularySize = vocabularySize;
        this.vocabulary = vocabulary;
        this.weights = weights;
        this.createdAt = createdAt;
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    int getHiddenSize() {
        return hiddenSize;
    }

    int getVocabularySize() {
        return vocabularySize;
    }

    String getVocabulary() {
        return vocabulary;
    }

    byte[] getWeights() {
        return weights;
    }

    Instant getCreatedAt() {
        return createdAt;
    }
}
