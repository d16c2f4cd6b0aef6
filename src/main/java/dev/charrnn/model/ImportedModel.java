package dev.charrnn.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A model imported in the reference's weights format or as a PyTorch state_dict of a stacked model (cell, layers,
 * embedding size; {@code torchLayout}); immutable once stored.
 */
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

    /** "rnn", "lstm" or "gru". */
    @Column(nullable = false)
    private String cell = "rnn";

    private int layers = 1;

    @Column(name = "embedding_size")
    private int embeddingSize;

    /** The weights are a stacked model's tensors in state_dict order, not the reference's five matrices. */
    @Column(name = "torch_layout")
    private boolean torchLayout;

    protected ImportedModel() {}

    /** A stacked model in PyTorch's layout. */
    ImportedModel torch(String cell, int layers, int embeddingSize) {
        this.cell = cell;
        this.layers = layers;
        this.embeddingSize = embeddingSize;
        this.torchLayout = true;
        return this;
    }

    String getCell() {
        return cell;
    }

    int getLayers() {
        return layers;
    }

    int getEmbeddingSize() {
        return embeddingSize;
    }

    boolean isTorchLayout() {
        return torchLayout;
    }

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
