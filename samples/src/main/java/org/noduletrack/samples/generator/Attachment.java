package org.noduletrack.samples.generator;

/** Where a nodule sits: inside parenchyma, touching the pleura (chest wall or mediastinum), or touching a vessel. */
public enum Attachment { INTRAPARENCHYMAL, JUXTAPLEURAL, JUXTAVASCULAR }
