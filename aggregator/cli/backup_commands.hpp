// Backups a trust can restore: `backup` (one file, or into a folder with rotation), each checked
// with PRAGMA integrity_check and its SHA-256 written beside it in sha256sum's format, and
// `restore --from FILE`, which refuses a damaged file or a running server.
#pragma once

#include "common/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wardvoice::aggregator {

class SqliteStore;

struct BackupPolicy {
    std::string dir; ///< where scheduled backups go (empty: "backups" beside the database)
    int keepDaily = 7;
    int keepWeekly = 4;
    int keepMonthly = 12;
};

/// A scheduled backup's file name for a time: wardvoice-20261202T031500Z.db
std::string backupFileName(std::int64_t unixSeconds);
/// The time in a scheduled backup's file name; nothing for any other name.
std::optional<std::int64_t> backupFileTime(const std::string& fileName);

/// Of these backup times, the ones the policy no longer keeps: the newest of each of the
/// newest `keepDaily` days, `keepWeekly` ISO weeks and `keepMonthly` months are kept (UTC), and
/// always the newest one.
std::vector<std::int64_t> backupsToDrop(std::vector<std::int64_t> times,
                                        const BackupPolicy& policy);

/// The file's SHA-256 as lower-case hex, read in pieces (a database can be gigabytes).
common::Result<std::string> fileSha256(const std::string& path);

/// Copies the live database to `target` (checked, then named), and writes `target.sha256`.
common::Status backupWithChecksum(SqliteStore& store, const std::string& target);

/// A backup into the policy's folder, then rotation; returns the new file's path.
common::Result<std::string> scheduledBackup(SqliteStore& store, const std::string& dbPath,
                                            const BackupPolicy& policy, std::int64_t now);

/// The folder scheduled backups go to for this database and policy.
std::string backupFolder(const std::string& dbPath, const BackupPolicy& policy);

/// The time of the newest scheduled backup in the folder whose checksum file is beside it.
std::optional<std::int64_t> lastBackupTime(const std::string& folder);

/// Refuses a file whose checksum (when `FILE.sha256` is beside it) differs, that fails
/// PRAGMA integrity_check, or that is not a WardVoice database this program can open.
/// `note` says how it was checked.
common::Status verifyBackup(const std::string& path, std::string& note);

/// Replaces the database at `dbPath` with the backup, after verifying it; refuses while a
/// server holds the database. The database it replaces is kept beside it as
/// `DB.before-restore-TIME` (with its -wal). Then opens it once, which migrates an older schema.
common::Status restoreBackup(const std::string& from, const std::string& dbPath,
                             std::string& report);

/// Held by `serve` for as long as it runs: restore refuses while another process holds it.
class DatabaseLock {
public:
    /// Takes a shared lock on the database file (created if missing); an error if a restore
    /// holds it.
    static common::Result<DatabaseLock> shared(const std::string& dbPath);
    DatabaseLock(DatabaseLock&& other) noexcept;
    DatabaseLock& operator=(DatabaseLock&&) = delete;
    ~DatabaseLock();

private:
    explicit DatabaseLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

} // namespace wardvoice::aggregator
