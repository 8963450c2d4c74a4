package org.noduletrack.archive.index;

/** Kinds of report in a case folder. */
public enum ReportKind { PDF, TEXT, DICOM_SR, ENCAPSULATED_PDF }
