package dev.charrnn.corpus;

import dev.charrnn.system.Utf8Text;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A training text, stored once and shared by every run that uses it (deduplicated by SHA-256). */
@Entity
@Table(name = "corpus")
public class Corpus {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String sha256;

    @Column(nullable = false)
    @Convert(converter = Utf8Text.class)
    private String content;

    @Column(nullable = false)
    private int characters;

    /** The characters in index order, concatenated. */
    @Convert(converter = Utf8Text.class)
    private String vocabulary;

    @Column(name = "vocabulary_size", nullable = false)
    private int vocabularySize;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Corpus() {}

    public Corpus(
            String sha256, String content, int characters, String vocabulary, int vocabularySize, Instant createdAt) {
        this.sha256 = sha256;
        this.content = content;
        this.characters = characters;
        this.vocabulary = vocabulary;
        this.vocabularySize = vocabularySize;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getSha256() {
        return sha256;
    }

    public String getContent() {
        return content;
    }

    public int getCharacters() {
        return characters;
    }

    public String getVocabulary() {
        return vocabulary;
    }

    public int getVocabularySize() {
        return vocabularySize;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
