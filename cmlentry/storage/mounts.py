"""Where is a folder really stored? Network shares and removable media are refused for workspaces.

SQLite's locking and fsync guarantees do not hold on network file systems, and a USB stick pulled
out mid-save loses work; ``security.md`` §2 therefore refuses both for the live workspace.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import psutil

NETWORK_FILE_SYSTEMS = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "coda", "ceph",
        "glusterfs", "lustre", "gpfs", "ocfs2", "9p", "davfs", "sshfs", "fuse.sshfs",
        "fuse.davfs2", "fuse.rclone", "fuse.glusterfs", "fuse.s3fs", "fuse.gvfsd-fuse",
        "fuse.cephfs", "webdav",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Mount:
    device: str
    mountpoint: str
    fstype: str
    opts: str


def current_mounts() -> list[Mount]:
    return [
        Mount(p.device, p.mountpoint, p.fstype.lower(), p.opts.lower())
        for p in psutil.disk_partitions(all=True)
    ]


def _mount_of(path: Path, mounts: Iterable[Mount]) -> Mount | None:
    text = str(path)
    best: Mount | None = None
    for mount in mounts:
        point = mount.mountpoint.rstrip("/\\") or mount.mountpoint
        inside = text == point or text.startswith(point + os.sep) or point in ("/", "")
        if inside and (best is None or len(point) > len(best.mountpoint.rstrip("/\\"))):
            best = mount
    return best


def _linux_block_removable(device: str) -> bool:
    """True when ``/sys/block/<disk>/removable`` says the device can be pulled out."""
    if not device.startswith("/dev/"):
        return False
    name = Path(device).name
    sys_block = Path("/sys/class/block") / name
    try:
        disk = sys_block.resolve()
        candidates = [disk, disk.parent]
        for candidate in candidates:
            flag = candidate / "removable"
            if flag.is_file():
                return flag.read_text().strip() == "1"
    except OSError:
        return False
    return False


def unsafe_storage_kind(
    path: Path,
    mounts: Iterable[Mount] | None = None,
    is_removable: object = _linux_block_removable,
) -> str | None:
    """Why ``path`` must not hold a live workspace, or None when it may.

    ``mounts`` and ``is_removable`` default to the real machine; tests pass a mount table.
    """
    if str(path).startswith(("\\\\", "//")):  # a UNC path: \\server\share
        return "network share"
    resolved = path.resolve()
    mount = _mount_of(resolved, current_mounts() if mounts is None else mounts)
    if mount is None:
        return None
    options = set(mount.opts.split(","))
    if mount.fstype in NETWORK_FILE_SYSTEMS or "remote" in options:
        return f"network share ({mount.fstype})"
    if "removable" in options or "cdrom" in options:
        return "removable drive"
    if callable(is_removable) and is_removable(mount.device):
        return "removable drive"
    return None
