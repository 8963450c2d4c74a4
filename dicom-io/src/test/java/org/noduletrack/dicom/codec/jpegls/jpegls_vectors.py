#!/usr/bin/env python3
"""Regenerates JpegLsVectors.java: JPEG-LS test streams from an independent encoder.

Encoder: the CharLS 1.x build inside dcmtk 3.6.7 (libdcmtkcharls.so.17), called through its C API
with ctypes. Needs python3 with numpy. The image formula must match TestPattern.java.

    python3 jpegls_vectors.py JpegLsVectors.java
"""
import sys
import ctypes as C
lib = C.CDLL('/usr/lib/x86_64-linux-gnu/libdcmtkcharls.so.17')
class Custom(C.Structure):
    _fields_ = [('MAXVAL', C.c_int), ('T1', C.c_int), ('T2', C.c_int), ('T3', C.c_int), ('RESET', C.c_int)]
class Jfif(C.Structure):
    _fields_ = [('Ver', C.c_int), ('units', C.c_char), ('XDensity', C.c_int), ('YDensity', C.c_int),
                ('Xthumb', C.c_short), ('Ythumb', C.c_short), ('pdataThumbnail', C.c_void_p)]
class Params(C.Structure):
    _fields_ = [('width', C.c_int), ('height', C.c_int), ('bitspersample', C.c_int), ('bytesperline', C.c_int),
                ('components', C.c_int), ('allowedlossyerror', C.c_int), ('ilv', C.c_int), ('colorTransform', C.c_int),
                ('outputBgr', C.c_char), ('custom', Custom), ('jfif', Jfif)]
lib.JpegLsEncode.argtypes = [C.POINTER(C.POINTER(C.c_ubyte)), C.POINTER(C.c_size_t), C.POINTER(C.c_size_t), C.c_void_p, C.c_size_t, C.POINTER(Params)]
lib.JpegLsDecode.argtypes = [C.c_void_p, C.c_size_t, C.c_void_p, C.c_size_t, C.POINTER(Params)]

def charls_encode(raw, w, h, bits, comps, near=0, ilv=0, custom=(0,0,0,0,0)):
    p = Params(); p.width = w; p.height = h; p.bitspersample = bits; p.components = comps
    p.allowedlossyerror = near; p.ilv = ilv
    p.custom = Custom(*custom)
    size = C.c_size_t(len(raw) * 2 + 4096)
    buf = (C.c_ubyte * size.value)()
    ptr = C.cast(buf, C.POINTER(C.c_ubyte))
    written = C.c_size_t(0)
    src = C.create_string_buffer(bytes(raw), len(raw))
    err = lib.JpegLsEncode(C.byref(ptr), C.byref(size), C.byref(written), src, len(raw), C.byref(p))
    if err != 0: raise RuntimeError('encode error %d' % err)
    return C.string_at(ptr, written.value)

def charls_decode(cs, nbytes):
    out = C.create_string_buffer(nbytes)
    src = C.create_string_buffer(cs, len(cs))
    err = lib.JpegLsDecode(out, nbytes, src, len(cs), None)
    if err != 0: raise RuntimeError('decode error %d' % err)
    return out.raw


import base64, zlib, json, struct
import numpy as np
M = 0xFFFFFFFF
def hash32(x, y, c, seed):
    h = (x * 0x9E3779B1 + y * 0x85EBCA77 + c * 0xC2B2AE3D + seed) & M
    h ^= h >> 15; h = (h * 0x2C1B3C6D) & M
    h ^= h >> 12; h = (h * 0x297A2D39) & M
    h ^= h >> 15
    return h

def sample(x, y, c, maxval, seed, kind):
    h = hash32(x, y, c, seed) >> 1
    m = maxval + 1
    if kind == 'veryflat':
        # long runs: one value with a rare disturbance
        if (x * 7 + y * 3) % 5003 == 0:
            return h % m
        return seed % m
    if kind == 'flat':
        if h % 97 == 0:
            return h % m
        return (y * 13 + c * 5 + seed) % m
    region = ((x >> 3) + (y >> 3)) & 3
    if region == 0:
        return (hash32(x >> 3, y >> 3, c, seed) >> 1) % m
    if region == 1:
        return (x * 5 + y * 3 + c * 7 + (h & 3)) % m
    if region == 2:
        return h % m
    return ((x + y) * (maxval // 64 + 1) + (h & 15)) % m

def image(w, h, spp, maxval, seed, kind, y0=0):
    arr = np.zeros((h, w, spp), dtype=np.int64)
    for y in range(h):
        for x in range(w):
            for c in range(spp):
                arr[y, x, c] = sample(x, y + y0, c, maxval, seed, kind)
    return arr

def raw_for(arr, bits, ilv):
    dt = np.uint8 if bits <= 8 else np.dtype('<u2')
    if ilv == 0 and arr.shape[2] > 1:
        return arr.transpose(2, 0, 1).astype(dt).tobytes()
    return arr.astype(dt).tobytes()

def from_raw(raw, w, h, spp, bits, ilv):
    dt = np.uint8 if bits <= 8 else np.dtype('<u2')
    v = np.frombuffer(raw, dtype=dt)[: w * h * spp].astype(np.int64)
    if ilv == 0 and spp > 1:
        return v.reshape(spp, h, w).transpose(1, 2, 0)
    return v.reshape(h, w, spp)

def crc(arr):
    return zlib.crc32(arr.reshape(-1).astype('<u2').tobytes())

def encode(arr, bits, near, ilv, custom):
    h, w, spp = arr.shape
    return charls_encode(raw_for(arr, bits, ilv), w, h, bits, spp, near=near, ilv=ilv, custom=custom)

def segments(cs):
    """split into (header up to and incl. SOS segment, scan data, rest) for single-scan streams"""
    i = cs.index(b'\xff\xda')
    ln = struct.unpack('>H', cs[i + 2:i + 4])[0]
    start = i + 2 + ln
    end = cs.rindex(b'\xff\xd9')
    return cs[:start], cs[start:end]

def spliced(arr, bits, near, ilv, custom, interval):
    """restart-coded stream: each interval encoded on its own (a restart resets everything) and joined."""
    h = arr.shape[0]
    parts = [encode(arr[y:y + interval], bits, near, ilv, custom) for y in range(0, h, interval)]
    head, _ = segments(parts[0])
    # patch the height in SOF55 and add DRI before SOS
    sof = head.index(b'\xff\xf7')
    head = bytearray(head)
    head[sof + 5:sof + 7] = struct.pack('>H', h)
    sos = head.index(b'\xff\xda')
    head[sos:sos] = b'\xff\xdd\x00\x04' + struct.pack('>H', interval)
    out = bytearray(head)
    for n, p in enumerate(parts):
        if n > 0:
            out += bytes([0xFF, 0xD0 + ((n - 1) & 7)])
        out += segments(p)[1]
    out += b'\xff\xd9'
    return bytes(out)

def vector(name, w, h, spp, bits, seed, kind, near=0, ilv=0, custom=(0, 0, 0, 0, 0), restart=0):
    maxval = custom[0] if custom[0] else (1 << bits) - 1
    arr = image(w, h, spp, maxval, seed, kind)
    cs = spliced(arr, bits, near, ilv, custom, restart) if restart else encode(arr, bits, near, ilv, custom)
    if restart:
        # reference decode of the same pieces
        dec = np.concatenate([from_raw(charls_decode(encode(arr[y:y + restart], bits, near, ilv, custom),
                                                      arr[y:y + restart].size * (1 if bits <= 8 else 2)),
                                       w, min(restart, h - y), spp, bits, ilv) for y in range(0, h, restart)])
    else:
        dec = from_raw(charls_decode(cs, arr.size * (1 if bits <= 8 else 2)), w, h, spp, bits, ilv)
    maxdiff = int(np.max(np.abs(dec - arr)))
    # dcmtk's CharLS 1.x decoder mishandles a custom RESET, so its decode is no reference there
    trusted = maxdiff <= near
    if near == 0:
        dec = arr
    elif not trusted:
        print('  untrusted reference decode for', name)
    return dict(name=name, w=w, h=h, spp=spp, bits=bits, maxval=maxval, seed=seed, kind=kind, near=near,
                ilv=ilv, restart=restart, crc=crc(dec) if trusted or near == 0 else None,
                b64=base64.b64encode(cs).decode())

V = [
    vector('gray8', 41, 29, 1, 8, 1, 'mixed'),
    vector('gray12', 37, 23, 1, 12, 2, 'mixed'),
    vector('gray16', 33, 17, 1, 16, 3, 'mixed'),
    vector('gray6CustomThresholds', 40, 20, 1, 6, 4, 'mixed', custom=(0, 3, 6, 9, 0)),
    vector('gray6StandardThresholds', 40, 20, 1, 6, 30, 'mixed', custom=(0, 2, 3, 5, 0)),
    vector('gray7CustomThresholds', 40, 20, 1, 7, 5, 'mixed', custom=(0, 2, 5, 11, 0)),
    vector('gray8Thresholds', 41, 29, 1, 8, 7, 'mixed', custom=(0, 5, 12, 40, 0)),
    vector('gray8Near3', 41, 29, 1, 8, 8, 'mixed', near=3),
    vector('gray12Near1', 37, 23, 1, 12, 9, 'mixed', near=1),
    vector('gray8LongRuns', 40000, 3, 1, 8, 11, 'veryflat'),
    vector('gray16Flat', 300, 7, 1, 16, 12, 'flat'),
    vector('rgb8SampleLongRuns', 20000, 2, 3, 8, 33, 'veryflat', ilv=2),
    vector('gray8OnePixel', 1, 1, 1, 8, 13, 'mixed'),
    vector('gray8OneColumn', 1, 9, 1, 8, 14, 'mixed'),
    vector('gray8OneRow', 9, 1, 1, 8, 15, 'mixed'),
    vector('rgb8None', 23, 19, 3, 8, 16, 'mixed', ilv=0),
    vector('rgb8Line', 23, 19, 3, 8, 17, 'mixed', ilv=1),
    vector('rgb8Sample', 23, 19, 3, 8, 18, 'mixed', ilv=2),
    vector('rgb8SampleFlat', 64, 12, 3, 8, 19, 'flat', ilv=2),
    vector('rgb8LineFlat', 64, 12, 3, 8, 20, 'flat', ilv=1),
    vector('rgb8SampleNear2', 23, 19, 3, 8, 21, 'mixed', near=2, ilv=2),
    vector('rgb8LineNear1', 23, 19, 3, 8, 22, 'mixed', near=1, ilv=1),
    vector('rgb8NoneNear4', 23, 19, 3, 8, 23, 'mixed', near=4, ilv=0),
    vector('rgb12Sample', 21, 13, 3, 12, 24, 'mixed', ilv=2),
    vector('rgb16Line', 21, 13, 3, 16, 25, 'mixed', ilv=1),
    vector('gray8Restart', 41, 29, 1, 8, 26, 'mixed', restart=8),
    vector('gray16RestartNear2', 33, 17, 1, 16, 27, 'mixed', near=2, restart=5),
    vector('rgb8LineRestart', 23, 19, 3, 8, 28, 'mixed', ilv=1, restart=4),
    vector('rgb8SampleRestart', 23, 19, 3, 8, 29, 'flat', ilv=2, restart=1),
]

out = []
out.append('''package org.noduletrack.dicom.codec.jpegls;

import java.util.Base64;
import java.util.List;

/**
 * JPEG-LS conformance vectors made with an independent encoder: CharLS as built into dcmtk 3.6.7
 * (libdcmtkcharls, called through its C API). Each image is {@link TestPattern} with the given
 * parameters. Restart-coded vectors were assembled from stripes encoded separately and joined with
 * DRI/RSTm, which is exactly what a restart means (all coder state and the line above are reset).
 *
 * <p>{@code crc} is the CRC-32 of the expected decoded samples as 16-bit little-endian values in
 * pixel-interleaved order: the source pattern for lossless vectors, the reference decoder's output for
 * near-lossless ones.
 *
 * <p>Not covered here because that CharLS 1.x build writes but does not apply them (its own round trip
 * fails): a custom MAXVAL and a custom RESET in the LSE segment. {@link JpegLsRoundTripTest} covers those
 * and the 2..5 bit depths the library refuses.
 *
 * <p>Generated by jpegls_vectors.py in this folder (numpy + ctypes); regenerate with it, and keep the
 * pattern formula in {@link TestPattern} identical to the script's.
 */
final class JpegLsVectors {

    private JpegLsVectors() {
    }

    record Vector(String name, int width, int height, int components, int bitsPerSample, int maxVal, int seed,
                  TestPattern.Kind kind, int near, int interleaveMode, int restartInterval, long crc, String base64) {

        byte[] codestream() {
            return Base64.getDecoder().decode(base64);
        }

        int[] pattern() {
            return TestPattern.samples(width, height, components, maxVal, seed, kind);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Vector> ALL = List.of(''')
items = []
for v in V:
    b64 = v['b64']
    chunks = [b64[i:i+96] for i in range(0, len(b64), 96)]
    lit = ('\n' + ' ' * 16 + '+ ').join('"%s"' % c for c in chunks)
    crc = 'null' if v['crc'] is None else '%dL' % v['crc']
    kind = {'mixed': 'MIXED', 'flat': 'FLAT', 'veryflat': 'VERY_FLAT'}[v['kind']]
    items.append('''        new Vector("%s", %d, %d, %d, %d, %d, %d, TestPattern.Kind.%s, %d, %d, %d, %s,
                %s)''' % (v['name'], v['w'], v['h'], v['spp'], v['bits'], v['maxval'], v['seed'], kind, v['near'], v['ilv'], v['restart'], crc, lit))
out.append(',\n'.join(items))
out.append(''');

    static Vector named(String name) {
        return ALL.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }
}
''')
open(sys.argv[1] if len(sys.argv) > 1 else 'JpegLsVectors.java', 'w').write('\n'.join(out))
