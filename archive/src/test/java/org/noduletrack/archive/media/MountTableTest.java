package org.noduletrack.archive.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountTableTest {
    /** Lines as Linux writes them (udisks mounts of a DVD and a USB stick whose label has a space). */
    private static final String PROC_MOUNTS = """
            sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
            /dev/nvme0n1p2 / ext4 rw,relatime,errors=remount-ro 0 0
            /dev/sr0 /media/anna/CT\\0402019 iso9660 ro,nosuid,nodev,relatime,nojoliet,check=s,map=n,blocksize=2048 0 0
            /dev/sdb1 /run/media/anna/KINGSTON\\040USB vfat rw,nosuid,nodev,relatime,uid=1000,fmask=0022 0 0
            broken-line
            """;

    @Test
    void parsesDeviceMountPointTypeAndReadOnlyWithOctalEscapes() {
        List<MountPoint> m = MountTable.parseProcMounts(PROC_MOUNTS);
        assertThat(m).hasSize(4);
        assertThat(m.get(2)).isEqualTo(new MountPoint("/dev/sr0", Path.of("/media/anna/CT 2019"), "iso9660", true));
        assertThat(m.get(3)).isEqualTo(new MountPoint("/dev/sdb1", Path.of("/run/media/anna/KINGSTON USB"), "vfat",
                false));
        assertThat(m.get(1).readOnly()).as("errors=remount-ro is not ro").isFalse();
    }

    @Test
    void unescapesOnlyThreeDigitOctal() {
        assertThat(MountTable.unescape("a\\134b\\011c")).isEqualTo("a\\b\tc");
        assertThat(MountTable.unescape("trailing\\04")).isEqualTo("trailing\\04");
        assertThat(MountTable.unescape("not\\9999")).isEqualTo("not\\9999");
    }

    @Test
    void thisMachinesTableListsTheRoot() {
        assertThat(MountTable.current()).extracting(MountPoint::path).contains(Path.of("/"));
    }
}
