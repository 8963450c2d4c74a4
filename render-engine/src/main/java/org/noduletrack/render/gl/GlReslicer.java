package org.noduletrack.render.gl;

import static org.lwjgl.opengl.GL33C.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;
import org.lwjgl.system.MemoryUtil;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.RenderException;
import org.noduletrack.render.api.Interpolation;
import org.noduletrack.render.api.Outside;
import org.noduletrack.render.api.RenderRequest;
import org.noduletrack.render.api.SlabSpec;
import org.noduletrack.render.geom.Affine3;
import org.noduletrack.render.geom.Extent;
import org.noduletrack.render.geom.PlaneLps;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.VolumeGeometry;

/**
 * The GPU reslicer: the volume as a 16-bit normalised 3D texture (R16_SNORM, uploaded once per volume, slab by slab
 * straight from the off-heap voxels as slices arrive), a fragment shader that samples the plane — and the slab along
 * its normal — with the CPU reference's geometry and value mapping (one hardware-filtered fetch per trilinear sample,
 * clamp to edge, the same snap to voxel centres, window and LUT), drawn into an FBO and read back through a PBO.
 * Thick slabs stop early once the window saturates. Every method must run on the thread that owns the context.
 *
 * <p>R16_SNORM holds a stored value s as s / 32767, so −32768 reads back as −32767; CT stores nothing that low.
 */
final class GlReslicer implements AutoCloseable {
    /** Slices per glTexSubImage3D call: keeps each call bounded for big volumes. */
    static final int UPLOAD_SLAB = 32;

    private static final String VERTEX = """
            #version 330 core
            void main() {
                vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
                gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
            }
            """;

    private static final String FRAGMENT = """
            #version 330 core
            uniform sampler3D vol;   // R16_SNORM: stored value / 32767, filtered by the texture unit
            uniform sampler2D lut;
            uniform ivec3 dims;
            uniform vec3 invDims;    // 1 / dims: voxel coordinates to texture coordinates
            uniform vec3 first;      // voxel coordinates of pixel (0,0)'s centre
            uniform vec3 dx;         // voxel step per pixel to the right
            uniform vec3 dy;         // voxel step per pixel down
            uniform vec3 slabStart;  // voxel offset of slab sample 0
            uniform vec3 slabStep;   // voxel step between slab samples
            uniform int samples;
            uniform int mode;        // 0 MIP, 1 MinIP, 2 mean
            uniform int trilinear;
            uniform float bg;        // stored background value
            uniform float slope;
            uniform float intercept;
            uniform float wlLower;
            uniform float wlWidth;
            uniform int outsideClear; // 1: pixels with no slab sample inside the volume are transparent (0)
            uniform float exitAbove;  // MIP: a stored value at or above this is white whatever follows, so stop there
            uniform float exitBelow;  // MinIP: at or below this, black
            out vec4 color;

            const float SNORM = 32767.0;

            bool isInside(vec3 p) {
                return !(any(lessThan(p, vec3(-0.5))) || any(greaterThan(p, vec3(dims) - 0.5)));
            }

            // Trilinear is one filtered fetch (the texture unit does the 8 reads and the weights, with clamp to edge),
            // not 8 texelFetch calls and 7 mixes in shader code: the same CPU-reference value to float rounding.
            float sampleInside(vec3 p) {
                if (trilinear == 0) {
                    ivec3 q = min(ivec3(floor(p + 0.5)), dims - 1);
                    return texelFetch(vol, q, 0).r * SNORM;
                }
                vec3 r = floor(p + 0.5);
                p = mix(p, r, lessThan(abs(p - r), vec3(1e-4)));   // same snap to voxel centres as the CPU
                p = clamp(p, vec3(0.0), vec3(dims) - 1.0);
                return textureLod(vol, (p + 0.5) * invDims, 0.0).r * SNORM;
            }

            void main() {
                vec2 xy = gl_FragCoord.xy - 0.5;   // readback row 0 is image row 0 (the top)
                vec3 p = first + xy.x * dx + xy.y * dy;
                float acc = mode == 0 ? -3.4e38 : (mode == 1 ? 3.4e38 : 0.0);
                bool anyInside = false;
                for (int s = 0; s < samples; s++) {
                    vec3 q = p + slabStart + float(s) * slabStep;
                    bool inside = isInside(q);
                    anyInside = anyInside || inside;
                    float v = inside ? sampleInside(q) : bg;
                    acc = mode == 0 ? max(acc, v) : (mode == 1 ? min(acc, v) : acc + v);
                    if (anyInside && (mode == 0 ? acc >= exitAbove : (mode == 1 && acc <= exitBelow))) break;
                }
                if (mode == 2) acc /= float(samples);
                float g = clamp((acc * slope + intercept - wlLower) / wlWidth, 0.0, 1.0);
                color = texelFetch(lut, ivec2(int(floor(g * 255.0 + 0.5)), 0), 0);
                if (outsideClear == 1 && !anyInside) color = vec4(0.0);
            }
            """;

    private final int program, vao, lutTexture, fbo, colorBuffer, pbo;
    private final int uDims, uInvDims, uFirst, uDx, uDy, uSlabStart, uSlabStep, uSamples, uMode, uTrilinear, uBg, uSlope, uIntercept,
            uWlLower, uWlWidth, uOutsideClear, uExitAbove, uExitBelow;
    private final int max3dSize;
    private int volumeTexture;
    private ShortVolume uploaded;
    private BitSet uploadedSlices = new BitSet();
    private int fboWidth, fboHeight;
    private long pboBytes;
    private int[] lutUploaded;

    GlReslicer() throws RenderException {
        program = link(compile(GL_VERTEX_SHADER, VERTEX), compile(GL_FRAGMENT_SHADER, FRAGMENT));
        glUseProgram(program);
        glUniform1i(glGetUniformLocation(program, "vol"), 0);
        glUniform1i(glGetUniformLocation(program, "lut"), 1);
        uDims = glGetUniformLocation(program, "dims");
        uInvDims = glGetUniformLocation(program, "invDims");
        uFirst = glGetUniformLocation(program, "first");
        uDx = glGetUniformLocation(program, "dx");
        uDy = glGetUniformLocation(program, "dy");
        uSlabStart = glGetUniformLocation(program, "slabStart");
        uSlabStep = glGetUniformLocation(program, "slabStep");
        uSamples = glGetUniformLocation(program, "samples");
        uMode = glGetUniformLocation(program, "mode");
        uTrilinear = glGetUniformLocation(program, "trilinear");
        uBg = glGetUniformLocation(program, "bg");
        uSlope = glGetUniformLocation(program, "slope");
        uIntercept = glGetUniformLocation(program, "intercept");
        uWlLower = glGetUniformLocation(program, "wlLower");
        uWlWidth = glGetUniformLocation(program, "wlWidth");
        uOutsideClear = glGetUniformLocation(program, "outsideClear");
        uExitAbove = glGetUniformLocation(program, "exitAbove");
        uExitBelow = glGetUniformLocation(program, "exitBelow");
        vao = glGenVertexArrays(); // core profile: a bound VAO is required even without attributes
        lutTexture = glGenTextures();
        glBindTexture(GL_TEXTURE_2D, lutTexture);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        fbo = glGenFramebuffers();
        colorBuffer = glGenRenderbuffers();
        pbo = glGenBuffers();
        max3dSize = glGetInteger(GL_MAX_3D_TEXTURE_SIZE);
        checkError("set-up");
    }

    static String rendererDescription() {
        return glGetString(GL_RENDERER) + ", OpenGL " + glGetString(GL_VERSION);
    }

    /**
     * Makes the texture hold this volume's loaded slices: allocates it on a new volume, then uploads only the slices
     * loaded since the last call (progressive loading). Returns the bytes uploaded.
     */
    long upload(ShortVolume volume) throws RenderException {
        Extent e = volume.geometry().extent();
        if (volume != uploaded) {
            if (e.nx() > max3dSize || e.ny() > max3dSize || e.nz() > max3dSize) {
                throw new RenderException("volume " + e + " exceeds GL_MAX_3D_TEXTURE_SIZE " + max3dSize);
            }
            if (volumeTexture != 0) {
                glDeleteTextures(volumeTexture);
            }
            volumeTexture = glGenTextures();
            glActiveTexture(GL_TEXTURE0);
            glBindTexture(GL_TEXTURE_3D, volumeTexture);
            glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
            for (int wrap : new int[] {GL_TEXTURE_WRAP_S, GL_TEXTURE_WRAP_T, GL_TEXTURE_WRAP_R}) {
                glTexParameteri(GL_TEXTURE_3D, wrap, GL_CLAMP_TO_EDGE);
            }
            glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_BASE_LEVEL, 0);
            glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_MAX_LEVEL, 0);
            glTexImage3D(GL_TEXTURE_3D, 0, GL_R16_SNORM, e.nx(), e.ny(), e.nz(), 0, GL_RED, GL_SHORT, (ByteBuffer) null);
            checkError("allocating a " + e + " 16-bit 3D texture");
            uploaded = volume;
            uploadedSlices = new BitSet(e.nz());
        }
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_3D, volumeTexture);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 2);
        long bytes = 0;
        long sliceBytes = (long) e.nx() * e.ny() * 2;
        long base = volume.voxels().address();
        int k = uploadedSlices.nextClearBit(0);
        while (k < e.nz()) {
            if (!volume.progress().isLoaded(k)) {
                k = uploadedSlices.nextClearBit(k + 1);
                continue;
            }
            int end = k;
            while (end + 1 < e.nz() && end + 1 - k < UPLOAD_SLAB && !uploadedSlices.get(end + 1) && volume.progress().isLoaded(end + 1)) {
                end++;
            }
            int depth = end - k + 1;
            nglTexSubImage3D(GL_TEXTURE_3D, 0, 0, 0, k, e.nx(), e.ny(), depth, GL_RED, GL_SHORT, base + k * sliceBytes);
            uploadedSlices.set(k, end + 1);
            bytes += depth * sliceBytes;
            k = uploadedSlices.nextClearBit(end + 1);
        }
        checkError("uploading voxels");
        return bytes;
    }

    /** Draws the request into the FBO and reads it back as ARGB ints (row 0 = top). */
    int[] render(ShortVolume volume, RenderRequest request) throws RenderException {
        upload(volume);
        PlaneLps plane = request.plane();
        int w = plane.width(), h = plane.height();
        ensureTarget(w, h);
        ensureLut(request.lut().argb());

        VolumeGeometry g = volume.geometry();
        Affine3 lpsToIjk = g.lpsToIjk();
        Vec3 first = lpsToIjk.applyToPoint(plane.firstPixelLps());
        Vec3 dx = lpsToIjk.applyToVector(plane.rowDirection().times(plane.pixelSpacingMm()));
        Vec3 dy = lpsToIjk.applyToVector(plane.columnDirection().times(plane.pixelSpacingMm()));
        SlabSpec slab = request.slab();
        int samples = slab.sampleCount(g.spacingMm().finest());
        Vec3 n = plane.normal();
        Vec3 slabStart = lpsToIjk.applyToVector(n.times(slab.offsetMm(0, samples)));
        Vec3 slabStep = samples > 1 ? lpsToIjk.applyToVector(n.times(slab.offsetMm(1, samples) - slab.offsetMm(0, samples))) : Vec3.ZERO;

        glUseProgram(program);
        Extent e = g.extent();
        glUniform3i(uDims, e.nx(), e.ny(), e.nz());
        glUniform3f(uInvDims, 1f / e.nx(), 1f / e.ny(), 1f / e.nz());
        glUniform3f(uFirst, (float) first.x(), (float) first.y(), (float) first.z());
        glUniform3f(uDx, (float) dx.x(), (float) dx.y(), (float) dx.z());
        glUniform3f(uDy, (float) dy.x(), (float) dy.y(), (float) dy.z());
        glUniform3f(uSlabStart, (float) slabStart.x(), (float) slabStart.y(), (float) slabStart.z());
        glUniform3f(uSlabStep, (float) slabStep.x(), (float) slabStep.y(), (float) slabStep.z());
        glUniform1i(uSamples, samples);
        glUniform1i(uMode, switch (slab.mode()) {
            case MIP -> 0;
            case MINIP -> 1;
            case MEAN -> 2;
        });
        glUniform1i(uTrilinear, request.interpolation() == Interpolation.TRILINEAR ? 1 : 0);
        glUniform1f(uBg, volume.backgroundStored());
        glUniform1f(uSlope, (float) volume.valueScale().slope());
        glUniform1f(uIntercept, (float) volume.valueScale().intercept());
        glUniform1f(uWlLower, (float) request.window().lower());
        glUniform1f(uWlWidth, (float) request.window().width());
        glUniform1i(uOutsideClear, request.outside() == Outside.TRANSPARENT ? 1 : 0);
        // stored values beyond which the window saturates (white for MIP, black for MinIP): later samples cannot
        // change the pixel, so the slab loop may stop; only for an increasing rescale, else never
        double slope = volume.valueScale().slope(), intercept = volume.valueScale().intercept();
        boolean increasing = slope > 0;
        glUniform1f(uExitAbove, increasing ? (float) ((request.window().lower() + request.window().width() - intercept) / slope)
                : Float.POSITIVE_INFINITY);
        glUniform1f(uExitBelow, increasing ? (float) ((request.window().lower() - intercept) / slope) : Float.NEGATIVE_INFINITY);
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_3D, volumeTexture);
        glActiveTexture(GL_TEXTURE1);
        glBindTexture(GL_TEXTURE_2D, lutTexture);

        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glViewport(0, 0, w, h);
        glBindVertexArray(vao);
        glDrawArrays(GL_TRIANGLES, 0, 3);

        // read back through the PBO
        glBindBuffer(GL_PIXEL_PACK_BUFFER, pbo);
        glPixelStorei(GL_PACK_ALIGNMENT, 4);
        glReadPixels(0, 0, w, h, GL_BGRA, GL_UNSIGNED_INT_8_8_8_8_REV, 0L);
        ByteBuffer mapped = glMapBufferRange(GL_PIXEL_PACK_BUFFER, 0, (long) w * h * 4, GL_MAP_READ_BIT);
        if (mapped == null) {
            glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
            throw new RenderException("glMapBufferRange failed (0x" + Integer.toHexString(glGetError()) + ")");
        }
        int[] argb = new int[w * h];
        mapped.order(ByteOrder.nativeOrder()).asIntBuffer().get(0, argb, 0, argb.length);
        glUnmapBuffer(GL_PIXEL_PACK_BUFFER);
        glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        checkError("drawing a " + w + "x" + h + " frame");
        return argb;
    }

    /** Waits until the GPU has finished all submitted work (timing only). */
    void finish() { glFinish(); }

    private void ensureTarget(int w, int h) throws RenderException {
        if (w == fboWidth && h == fboHeight) {
            return;
        }
        glBindRenderbuffer(GL_RENDERBUFFER, colorBuffer);
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w, h);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colorBuffer);
        int status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        if (status != GL_FRAMEBUFFER_COMPLETE) {
            throw new RenderException("framebuffer incomplete: 0x" + Integer.toHexString(status));
        }
        long bytes = (long) w * h * 4;
        if (bytes > pboBytes) {
            glBindBuffer(GL_PIXEL_PACK_BUFFER, pbo);
            glBufferData(GL_PIXEL_PACK_BUFFER, bytes, GL_STREAM_READ);
            glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
            pboBytes = bytes;
        }
        fboWidth = w;
        fboHeight = h;
    }

    private void ensureLut(int[] argb) {
        if (java.util.Arrays.equals(argb, lutUploaded)) {
            return;
        }
        ByteBuffer rgba = MemoryUtil.memAlloc(256 * 4);
        try {
            for (int c : argb) {
                rgba.put((byte) (c >> 16)).put((byte) (c >> 8)).put((byte) c).put((byte) (c >>> 24));
            }
            rgba.flip();
            glActiveTexture(GL_TEXTURE1);
            glBindTexture(GL_TEXTURE_2D, lutTexture);
            glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
            glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 256, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
        } finally {
            MemoryUtil.memFree(rgba);
        }
        lutUploaded = argb.clone();
    }

    private static int compile(int type, String src) throws RenderException {
        int s = glCreateShader(type);
        glShaderSource(s, src);
        glCompileShader(s);
        if (glGetShaderi(s, GL_COMPILE_STATUS) != GL_TRUE) {
            String log = glGetShaderInfoLog(s);
            glDeleteShader(s);
            throw new RenderException("shader does not compile: " + log);
        }
        return s;
    }

    private static int link(int vs, int fs) throws RenderException {
        int p = glCreateProgram();
        glAttachShader(p, vs);
        glAttachShader(p, fs);
        glLinkProgram(p);
        glDeleteShader(vs);
        glDeleteShader(fs);
        if (glGetProgrami(p, GL_LINK_STATUS) != GL_TRUE) {
            throw new RenderException("shader program does not link: " + glGetProgramInfoLog(p));
        }
        return p;
    }

    private static void checkError(String what) throws RenderException {
        int err = glGetError();
        if (err != GL_NO_ERROR) {
            throw new RenderException("OpenGL error 0x" + Integer.toHexString(err) + " while " + what);
        }
    }

    @Override
    public void close() {
        if (volumeTexture != 0) {
            glDeleteTextures(volumeTexture);
        }
        glDeleteTextures(lutTexture);
        glDeleteBuffers(pbo);
        glDeleteRenderbuffers(colorBuffer);
        glDeleteFramebuffers(fbo);
        glDeleteVertexArrays(vao);
        glDeleteProgram(program);
        uploaded = null;
    }
}
