"""A data folder in a cloud-sync folder or on a network share is recognised (SQLite is not
safe there)."""

from __future__ import annotations

from pathlib import Path

from rugschool.config import shared_folder_kind

MOUNTS = """\
/dev/sda1 / ext4 rw 0 0
server:/praktijk /mnt/praktijk nfs4 rw 0 0
//nas/data /media/nas cifs rw 0 0
"""


def test_synced_and_network_folders_are_recognised() -> None:
    assert shared_folder_kind(Path("/home/an/Dropbox/Rugschool"), MOUNTS) == "synced"
    assert shared_folder_kind(Path("C:/Users/an/OneDrive - Praktijk/Rugschool"), MOUNTS) == (
        "synced"
    )
    assert shared_folder_kind(Path("//nas/rugschool"), MOUNTS) == "network"
    assert shared_folder_kind(Path("/mnt/praktijk/rugschool"), MOUNTS) == "network"
    assert shared_folder_kind(Path("/media/nas/x"), MOUNTS) == "network"


def test_a_local_disk_is_fine() -> None:
    assert shared_folder_kind(Path("/home/an/.local/share/Rugschool"), MOUNTS) is None
    assert shared_folder_kind(Path("/mnt/praktijkje"), MOUNTS) is None  # not under /mnt/praktijk
