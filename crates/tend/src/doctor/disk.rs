//! The data folder (SQLite only): that it exists or can be made, that Tend can write there, that
//! its filesystem has room, and that the filesystem is local: SQLite's locking is not to be
//! trusted on a network filesystem (NFS, SMB/CIFS, …), where two processes can both think they
//! hold the write lock and corrupt the file.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::Check;

pub const LABEL: &str = "data folder";
const MB: u64 = 1_000_000;
/// Below this, ✗: a busy day's writes (and a `VACUUM INTO` backup) may not fit.
const FAIL_BELOW: u64 = 100 * MB;
/// Below this, ⚠.
const WARN_BELOW: u64 = 1_000 * MB;

pub fn checks(dir: &Path) -> Vec<Check> {
    let shown = dir.display();
    let (existing, check) = match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => (dir.to_path_buf(), writable(dir)),
        Ok(_) => {
            return vec![Check::fail(
                LABEL,
                format!("{shown} is not a folder"),
                "point TEND_DATA_DIR (data_dir) at a folder, or move the file away",
            )]
        }
        Err(e) if e.kind() == ErrorKind::NotFound => match nearest_existing(dir) {
            Some(parent) if parent.is_dir() => {
                let check = match writable(&parent) {
                    Check { status: super::Status::Ok, .. } => Check::ok(
                        LABEL,
                        format!("{shown} does not exist yet; tend serve creates it (in {})", parent.display()),
                    ),
                    failed => failed,
                };
                (parent, check)
            }
            _ => return vec![unreachable(dir, &e)],
        },
        Err(e) => return vec![unreachable(dir, &e)],
    };
    let mut checks = vec![check];
    checks.extend(space(&existing));
    checks.extend(filesystem(&existing));
    checks
}

fn unreachable(dir: &Path, e: &std::io::Error) -> Check {
    Check::fail(
        LABEL,
        format!("{} cannot be reached ({e})", dir.display()),
        "point TEND_DATA_DIR (data_dir) at a folder on a local disk that the user Tend runs as can write",
    )
}

/// The closest ancestor that exists (for a data folder `tend serve` has yet to create).
fn nearest_existing(dir: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(dir).ok()?;
    absolute.ancestors().skip(1).find(|p| p.exists()).map(Path::to_path_buf)
}

/// Writes and removes a small file: the only sure test (permission bits lie to root, and a
/// read-only mount or an immutable folder refuses even root).
fn writable(dir: &Path) -> Check {
    let probe = dir.join(format!(".tend-doctor-{}", std::process::id()));
    match std::fs::write(&probe, b"tend doctor") {
        Ok(()) => {
            let _ = std::fs::remove_file(&probe);
            Check::ok(LABEL, format!("{} is writable", dir.display()))
        }
        Err(e) => Check::fail(
            LABEL,
            format!("{} is not writable ({e})", dir.display()),
            format!(
                "give the user Tend runs as write access (for the Debian package: chown -R tend:tend {}), \
                 or point TEND_DATA_DIR (data_dir) at a folder it can write",
                dir.display()
            ),
        ),
    }
}

fn space(dir: &Path) -> Option<Check> {
    let stat = rustix::fs::statvfs(dir).ok()?;
    let free = stat.f_bavail.saturating_mul(stat.f_frsize);
    let found = format!("{} free on the data folder's filesystem", human(free));
    let fix = "free some space there, or move the data folder to a larger disk (stop Tend, move the folder, \
               set TEND_DATA_DIR)";
    Some(if free < FAIL_BELOW {
        Check::fail("free space", found, fix)
    } else if free < WARN_BELOW {
        Check::warn("free space", found, fix)
    } else {
        Check::ok("free space", found)
    })
}

fn human(bytes: u64) -> String {
    if bytes >= 1_000 * MB {
        format!("{:.1} GB", bytes as f64 / 1e9)
    } else {
        format!("{} MB", bytes / MB)
    }
}

/// Filesystems where SQLite's file locks can't be trusted, by `statfs` magic number.
const NETWORK: &[(u32, &str)] = &[
    (0x6969, "NFS"),
    (0x517B, "SMB"),
    (0xFF53_4D42, "CIFS"),
    (0xFE53_4D42, "SMB2"),
    (0x0102_1997, "9p"),
    (0x00C3_6400, "Ceph"),
    (0x5346_414F, "AFS"),
    (0x6B41_4653, "AFS"),
    (0x0BD0_0BD0, "Lustre"),
];
/// Local filesystems, named in the report.
const LOCAL: &[(u32, &str)] = &[
    (0xEF53, "ext4"),
    (0x5846_5342, "XFS"),
    (0x9123_683E, "Btrfs"),
    (0x2FC1_2FC1, "ZFS"),
    (0xF2F5_2010, "F2FS"),
    (0x794C_7630, "overlay"),
];
const FUSE: u32 = 0x6573_5546;
const TMPFS: u32 = 0x0102_1994;

fn filesystem(dir: &Path) -> Option<Check> {
    let stat = rustix::fs::statfs(dir).ok()?;
    // `f_type` is a signed long on most targets; the magic numbers are 32-bit.
    let magic = (stat.f_type as u64 & 0xFFFF_FFFF) as u32;
    const LABEL: &str = "filesystem";
    Some(if let Some((_, name)) = NETWORK.iter().find(|(m, _)| *m == magic) {
        Check::warn(
            LABEL,
            format!("the data folder is on a network filesystem ({name}), where SQLite's locking is not reliable"),
            "keep the data folder on a local disk, or use PostgreSQL (TEND_DATABASE_URL) for shared storage",
        )
    } else if magic == FUSE {
        Check::warn(
            LABEL,
            "the data folder is on a FUSE filesystem; if it is a network one (sshfs, a cloud drive), SQLite's \
             locking is not reliable there",
            "keep the data folder on a local disk, or use PostgreSQL (TEND_DATABASE_URL)",
        )
    } else if magic == TMPFS {
        Check::warn(
            LABEL,
            "the data folder is in memory (tmpfs): everything is lost at the next restart",
            "point TEND_DATA_DIR (data_dir) at a folder on a disk",
        )
    } else {
        let name = LOCAL
            .iter()
            .find(|(m, _)| *m == magic)
            .map_or_else(|| format!("type {magic:#x}"), |(_, n)| (*n).to_owned());
        Check::ok(LABEL, format!("local ({name}), fine for SQLite's locking"))
    })
}
