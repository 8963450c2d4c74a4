package org.noduletrack.dicom.io;

import java.io.IOException;

/** Pixel data in a transfer syntax we cannot decode; the header stays readable. */
public class UnsupportedTransferSyntaxException extends IOException {
    private final String transferSyntaxUid;

    public UnsupportedTransferSyntaxException(String transferSyntaxUid, String name, String why) {
        super("cannot decode pixel data in transfer syntax " + name + " (" + transferSyntaxUid + "): " + why);
        this.transferSyntaxUid = transferSyntaxUid;
    }

    public String transferSyntaxUid() { return transferSyntaxUid; }
}
