"""Network shares and removable drives are recognised from a mount table."""

from __future__ import annotations

from pathlib import Path

import pytest

from cmlentry.storage.mounts import Mount, unsafe_storage_kind

LOCAL = [
    Mount("/dev/sda1", "/", "ext4", "rw,relatime"),
    Mount("tmpfs", "/tmp", "tmpfs", "rw"),
]


def never_removable(_device: str) -> bool:
    return False


def kind(path: str, mounts: list[Mount], removable: object = never_removable) -> str | None:
    return unsafe_storage_kind(Path(path), mounts, removable)


def test_local_disk_is_fine() -> None:
    assert kind("/home/nina/cmlentry", LOCAL) is None
    assert kind("/tmp/ws", LOCAL) is None


@pytest.mark.parametrize("fstype", ["nfs", "nfs4", "cifs", "smb3", "fuse.sshfs", "9p", "ceph"])
def test_network_file_systems_are_refused(fstype: str) -> None:
    mounts = [*LOCAL, Mount("srv:/export", "/mnt/share", fstype, "rw")]
    assert kind("/mnt/share/ws", mounts) == f"network share ({fstype})"
    assert kind("/mnt/shared-but-local/ws", mounts) is None  # a prefix is not a parent


def test_the_deepest_mount_decides() -> None:
    mounts = [
        *LOCAL,
        Mount("srv:/x", "/mnt", "nfs", "rw"),
        Mount("/dev/sdb1", "/mnt/local", "ext4", "rw"),
    ]
    assert kind("/mnt/local/ws", mounts) is None
    assert kind("/mnt/other/ws", mounts) == "network share (nfs)"


def test_windows_style_options() -> None:
    mounts = [
        Mount("Z:\\", "/z", "ntfs", "rw,remote"),
        Mount("E:\\", "/e", "fat32", "rw,removable"),
    ]
    assert kind("/z/ws", mounts) == "network share (ntfs)"
    assert kind("/e/ws", mounts) == "removable drive"


def test_removable_block_devices_are_refused() -> None:
    mounts = [*LOCAL, Mount("/dev/sdc1", "/media/usb", "vfat", "rw")]
    assert kind("/media/usb/ws", mounts, lambda device: device == "/dev/sdc1") == "removable drive"


def test_unc_paths_are_network_shares() -> None:
    assert unsafe_storage_kind(Path("//server/share/ws"), LOCAL, never_removable) == "network share"


def test_this_machines_temp_folder_is_accepted(tmp_path: Path) -> None:
    # The real mount table of the machine running the tests.
    assert unsafe_storage_kind(tmp_path) is None
