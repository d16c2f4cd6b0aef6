package dev.charrnn.model;

import org.springframework.data.jpa.repository.JpaRepository;

interface ImportedModelRepository extends JpaRepository<ImportedModel, Long> {}
