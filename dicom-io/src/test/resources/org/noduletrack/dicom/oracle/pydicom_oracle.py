"""Reference dump of DICOM files with pydicom 2.3, for IndependentReaderOracleTest.

Reads file paths (one per line) from stdin and writes one JSON object per file to stdout:
  {"file": path, "ts": transfer syntax UID or null, "meta": [element, ...], "ds": [element, ...]}
or {"file": path, "error": message} when pydicom cannot read it at all.

Each element is a flat record; nested elements follow their sequence, paths joined with '/':
  "p"   path: tag (8 upper-case hex digits), or SEQTAG/ITEMINDEX/TAG..., e.g. "00081115/0/0020000E"
  "vr"  the VR pydicom ended up with (after its UN replacement and ambiguous-VR correction)
  "rh"  SHA-256 (hex) of the value bytes exactly as stored in the file, when pydicom still had them raw
  one value field, by VR:
  "s"   text VRs: the values as strings, split on backslash for the multi-valued VRs, untrimmed, as
        decoded by pydicom (charset-sensitive VRs SH LO ST LT PN UC UT: pydicom's own decoded str;
        the others: the raw bytes as ISO 8859-1, since pydicom's DS/IS/DA objects lose the spelling)
  "v"   binary numbers (US SS UL SL SV UV FL FD AT): list of numbers; non-finite floats as strings
  "h", "len"   OB OW OF OD OL OV UN: SHA-256 (hex) of the bytes in little-endian order, and their length
  "frag", "h"  encapsulated (undefined length) pixel data: item lengths (Basic Offset Table first)
               and SHA-256 over all item values concatenated
  "n"   SQ: number of items
  "err" pydicom raised while converting this element (the message)

Pixel data is never decoded: only its bytes are hashed.
"""
import hashlib
import json
import math
import struct
import sys
import warnings

warnings.simplefilter("ignore")

import pydicom  # noqa: E402
from pydicom import config  # noqa: E402
from pydicom.dataelem import RawDataElement  # noqa: E402
from pydicom.multival import MultiValue  # noqa: E402
from pydicom.valuerep import PersonName  # noqa: E402

config.settings.reading_validation_mode = config.IGNORE

TEXT_VRS = {"AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UI", "UR", "UT"}
SINGLE_VALUED_TEXT = {"LT", "ST", "UT", "UR"}
CHARSET_VRS = {"SH", "LO", "ST", "LT", "PN", "UC", "UT"}
NUMBER_VRS = {"US", "SS", "UL", "SL", "SV", "UV", "FL", "FD", "AT"}
SWAP_UNIT = {"OW": 2, "OF": 4, "OD": 8, "OL": 4, "OV": 8}
PIXEL_TAGS = {0x7FE00010, 0x7FE00008, 0x7FE00009}


def sha(b):
    return hashlib.sha256(bytes(b)).hexdigest()


def little_endian(b, vr, little):
    unit = SWAP_UNIT.get(vr, 1)
    if little or unit == 1:
        return bytes(b)
    n = len(b) - len(b) % unit
    out = bytearray(b)
    for i in range(0, n, unit):
        out[i:i + unit] = b[i:i + unit][::-1]
    return bytes(out)


def as_list(value):
    if value is None or value == "" or value == b"":
        return []
    if isinstance(value, (list, tuple, MultiValue)):
        return list(value)
    return [value]


def number(x):
    if isinstance(x, float) and not math.isfinite(x):
        return str(x)
    return float(x) if isinstance(x, float) else int(x)


def text_values(el, raw_value):
    vr = el.VR
    if vr in CHARSET_VRS:
        # pydicom's own decoding with the data set's (possibly inherited) Specific Character Set
        vals = [str(v) if isinstance(v, PersonName) else v for v in as_list(el.value)]
        return [v if isinstance(v, str) else bytes(v).decode("latin-1") for v in vals]
    if raw_value is not None:
        text = bytes(raw_value).decode("latin-1")
    else:  # already converted by pydicom (file meta): its string form
        text = "\\".join(str(v) for v in as_list(el.value))
    if text == "":
        return []
    return [text] if vr in SINGLE_VALUED_TEXT else text.split("\\")


def fragments(data):
    lengths, h, pos = [], hashlib.sha256(), 0
    while pos + 8 <= len(data):
        tag, length = struct.unpack_from("<II", data, pos)
        pos += 8
        if tag == 0xE0DDFFFE:
            break
        lengths.append(length)
        h.update(data[pos:pos + length])
        pos += length
    return lengths, h.hexdigest()


def walk(ds, prefix, out, little, top):
    for tag in sorted(ds.keys()):
        raw = ds.get_item(tag)
        raw_value = None
        if isinstance(raw, RawDataElement):  # pydicom keeps None for an empty value
            raw_value = raw.value if raw.value is not None or raw.length == 0xFFFFFFFF else b""
        elif raw is not None and not raw.is_undefined_length and as_list(raw.value) == []:
            raw_value = b""  # pydicom converts some empty elements while reading
        here_little = raw.is_little_endian if isinstance(raw, RawDataElement) else little
        rec = {"p": prefix + "%08X" % tag}
        out.append(rec)
        if raw_value is not None:
            rec["rh"] = sha(raw_value)
        try:
            el = ds[tag]
        except Exception as e:  # noqa: BLE001 - the test reports it
            rec["err"] = repr(e)
            continue
        vr = str(getattr(el.VR, "value", el.VR))  # pydicom 2.3 mixes plain str and its VR enum
        rec["vr"] = vr
        try:
            if vr == "SQ":
                items = el.value or []
                rec["n"] = len(items)
                for i, item in enumerate(items):
                    walk(item, rec["p"] + "/%d/" % i, out, here_little, False)
            elif top and tag in PIXEL_TAGS and el.is_undefined_length:
                rec["frag"], rec["h"] = fragments(bytes(el.value or b""))
            elif vr in TEXT_VRS:
                rec["s"] = text_values(el, raw_value)
            elif vr in NUMBER_VRS:
                rec["v"] = [number(x) for x in as_list(el.value)]
            else:
                b = el.value if isinstance(el.value, (bytes, bytearray)) else (raw_value or b"")
                b = little_endian(b, vr, here_little)
                rec["h"], rec["len"] = sha(b), len(b)
        except Exception as e:  # noqa: BLE001
            rec["err"] = repr(e)


def dump(path):
    ds = pydicom.dcmread(path, force=True)
    meta, body = [], []
    fm = getattr(ds, "file_meta", None)
    if fm is not None:
        walk(fm, "", meta, True, False)
    walk(ds, "", body, ds.is_little_endian if ds.is_little_endian is not None else True, True)
    ts = fm.get("TransferSyntaxUID") if fm is not None else None
    return {"file": path, "ts": str(ts) if ts is not None else None, "meta": meta, "ds": body}


def main():
    for line in sys.stdin:
        path = line.rstrip("\n")
        if not path:
            continue
        try:
            rec = dump(path)
        except Exception as e:  # noqa: BLE001
            rec = {"file": path, "error": repr(e)}
        sys.stdout.write(json.dumps(rec, ensure_ascii=True) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
