package dev.kb.store;

import dev.kb.model.ParsedDocument.DocumentLink;

/** A stored link together with the document that contains it. */
public record LinkRow(String documentId, String documentPath, String documentTitle, DocumentLink link) {
}
