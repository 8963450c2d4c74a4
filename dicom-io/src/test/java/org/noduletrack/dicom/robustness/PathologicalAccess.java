package org.noduletrack.dicom.robustness;
public final class PathologicalAccess {
    public static byte[] sib(int n) { return Pathological.siblingSequences(n); }
}
