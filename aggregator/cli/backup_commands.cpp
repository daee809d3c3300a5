#include "aggregator/cli/backup_commands.hpp"

#include "aggregator/store/sqlite_store.hpp"
#include "common/sqlite.hpp"
#include "common/timeutil.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <openssl/evp.h>
#include <set>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace wardvoice::aggregator {
namespace {

namespace fs = std::filesystem;
using common::makeError;

constexpr const char* kPrefix = "wardvoice-";
constexpr const char* kSuffix = ".db";

std::tm utc(std::int64_t t) {
    const auto tt = static_cast<std::time_t>(t);
    std::tm out{};
    ::gmtime_r(&tt, &out);
    return out;
}

std::string keyOf(std::int64_t t, const char* format) {
    std::tm tm = utc(t);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, format, &tm);
    return buffer;
}

common::Status syncPath(const std::string& path, bool directory) {
    const int fd = ::open(path.c_str(), (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return makeError("io", path + ": " + std::strerror(errno));
    }
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) {
        return makeError("io", "fsync " + path + ": " + std::strerror(errno));
    }
    return {};
}

std::string parentOf(const std::string& path) {
    const auto parent = fs::absolute(path).parent_path();
    return parent.string();
}

/// Writes `path` whole or not at all.
common::Status writeSmallFile(const std::string& path, const std::string& text) {
    const std::string temp = path + ".partial";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) {
            return makeError("io", "cannot write " + temp);
        }
    }
    if (auto s = syncPath(temp, false); !s) {
        return s;
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        return makeError("io", "rename " + temp + ": " + std::strerror(errno));
    }
    return syncPath(parentOf(path), true);
}

/// "HEX  NAME" as sha256sum writes it; the hex, or nothing when the file does not say one.
std::optional<std::string> readChecksumFile(const std::string& path) {
    std::ifstream in(path);
    std::string hex;
    if (!(in >> hex) || hex.size() != 64 ||
        !std::all_of(hex.begin(), hex.end(), [](char c) { return std::isxdigit(c) != 0; })) {
        return std::nullopt;
    }
    std::transform(hex.begin(), hex.end(), hex.begin(),
                   [](char c) { return static_cast<char>(std::tolower(c)); });
    return hex;
}

/// The integrity check, the schema version and WardVoice's own tables, read-only.
common::Status checkDatabaseFile(const std::string& path) {
    auto db = common::db::Database::open(
        path, common::db::OpenOptions{
                  .readOnly = true, .create = false, .busyTimeoutMs = 5000, .wal = false});
    if (!db) {
        return db.error();
    }
    auto check = db->prepare("PRAGMA integrity_check");
    if (!check) {
        return makeError("corrupt",
                         path + " is not a readable SQLite database: " + check.error().message);
    }
    std::string findings;
    if (auto st = check->forEachRow([&](const common::db::Statement& row) {
            if (row.columnText(0) != "ok" && findings.size() < 400) {
                findings += row.columnText(0) + "; ";
            }
        });
        !st) {
        return makeError("corrupt",
                         path + " is not a readable SQLite database: " + st.error().message);
    }
    if (!findings.empty()) {
        return makeError("corrupt", path + " fails its integrity check: " + findings);
    }
    auto version = db->userVersion();
    if (!version) {
        return version.error();
    }
    if (version.value() < 1) {
        return makeError("not_wardvoice", path + " holds no WardVoice schema");
    }
    if (version.value() > SqliteStore::schemaVersion()) {
        return makeError("schema_too_new", path + " has schema version " +
                                               std::to_string(version.value()) +
                                               "; this program knows up to " +
                                               std::to_string(SqliteStore::schemaVersion()));
    }
    auto tables = db->prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                              "('submissions', 'kiosks')");
    if (!tables) {
        return tables.error();
    }
    auto row = tables->step();
    if (!row || !row.value() || tables->columnInt(0) != 2) {
        return makeError("not_wardvoice", path + " is not a WardVoice database");
    }
    return {};
}

common::Status copyFile(const std::string& from, const std::string& to) {
    std::error_code ec;
    fs::remove(to, ec);
    fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
    if (ec) {
        return makeError("io", "copy " + from + " to " + to + ": " + ec.message());
    }
    return syncPath(to, false);
}

} // namespace

std::string backupFileName(std::int64_t unixSeconds) {
    return kPrefix + keyOf(unixSeconds, "%Y%m%dT%H%M%SZ") + kSuffix;
}

std::optional<std::int64_t> backupFileTime(const std::string& fileName) {
    // wardvoice-YYYYMMDDTHHMMSSZ.db
    const std::string prefix = kPrefix;
    if (fileName.size() != prefix.size() + 16 + 3 || fileName.rfind(prefix, 0) != 0 ||
        fileName.substr(fileName.size() - 3) != kSuffix) {
        return std::nullopt;
    }
    const std::string stamp = fileName.substr(prefix.size(), 16);
    std::tm tm{};
    const char* end = ::strptime(stamp.c_str(), "%Y%m%dT%H%M%SZ", &tm);
    if (end == nullptr || *end != '\0') {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(::timegm(&tm));
}

std::vector<std::int64_t> backupsToDrop(std::vector<std::int64_t> times,
                                        const BackupPolicy& policy) {
    std::sort(times.rbegin(), times.rend());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    std::set<std::int64_t> keep;
    if (!times.empty()) {
        keep.insert(times.front());
    }
    for (const auto& [format, count] :
         {std::pair{"%Y-%m-%d", policy.keepDaily}, std::pair{"%G-W%V", policy.keepWeekly},
          std::pair{"%Y-%m", policy.keepMonthly}}) {
        std::set<std::string> periods;
        for (const std::int64_t t : times) {
            if (static_cast<int>(periods.size()) >= count) {
                break;
            }
            if (periods.insert(keyOf(t, format)).second) {
                keep.insert(t); // the newest of its period
            }
        }
    }
    std::vector<std::int64_t> drop;
    for (const std::int64_t t : times) {
        if (!keep.contains(t)) {
            drop.push_back(t);
        }
    }
    return drop;
}

common::Result<std::string> fileSha256(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return makeError("io", "cannot read " + path);
    }
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
        return makeError("crypto", "SHA-256 is not available");
    }
    std::vector<char> buffer(1 << 20);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto n = static_cast<std::size_t>(in.gcount());
        if (n > 0 && EVP_DigestUpdate(ctx.get(), buffer.data(), n) != 1) {
            return makeError("crypto", "SHA-256 failed");
        }
    }
    if (in.bad()) {
        return makeError("io", "read error in " + path);
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(ctx.get(), digest, &length);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex += kHex[digest[i] >> 4];
        hex += kHex[digest[i] & 0xf];
    }
    return hex;
}

common::Status backupWithChecksum(SqliteStore& store, const std::string& target) {
    if (auto s = store.backupTo(target); !s) {
        return s;
    }
    auto sum = fileSha256(target);
    if (!sum) {
        return sum.error();
    }
    return writeSmallFile(target + ".sha256",
                          sum.value() + "  " + fs::path(target).filename().string() + "\n");
}

std::string backupFolder(const std::string& dbPath, const BackupPolicy& policy) {
    if (!policy.dir.empty()) {
        return policy.dir;
    }
    return (fs::absolute(dbPath).parent_path() / "backups").string();
}

common::Result<std::string> scheduledBackup(SqliteStore& store, const std::string& dbPath,
                                            const BackupPolicy& policy, std::int64_t now) {
    const std::string folder = backupFolder(dbPath, policy);
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) {
        return makeError("io", "cannot create " + folder + ": " + ec.message());
    }
    ::chmod(folder.c_str(), 0750);
    // two backups within a second (a manual one beside the timer's) get the next free second
    std::int64_t at = now;
    while (fs::exists(fs::path(folder) / backupFileName(at))) {
        ++at;
    }
    const std::string target = (fs::path(folder) / backupFileName(at)).string();
    if (auto s = backupWithChecksum(store, target); !s) {
        return s.error();
    }
    ::chmod(target.c_str(), 0640);
    // rotation: only the files this command names, never anything else in the folder
    std::vector<std::int64_t> times;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        if (auto t = backupFileTime(entry.path().filename().string())) {
            times.push_back(*t);
        }
    }
    for (const std::int64_t t : backupsToDrop(times, policy)) {
        const auto file = fs::path(folder) / backupFileName(t);
        fs::remove(file, ec);
        fs::remove(file.string() + ".sha256", ec);
    }
    return target;
}

std::optional<std::int64_t> lastBackupTime(const std::string& folder) {
    std::optional<std::int64_t> newest;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const auto t = backupFileTime(entry.path().filename().string());
        if (t && (!newest || *t > *newest) && fs::exists(entry.path().string() + ".sha256", ec)) {
            newest = t;
        }
    }
    return newest;
}

common::Status verifyBackup(const std::string& path, std::string& note) {
    if (!fs::is_regular_file(path)) {
        return makeError("not_found", path + " is not a file");
    }
    const std::string sidecar = path + ".sha256";
    if (fs::exists(sidecar)) {
        const auto expected = readChecksumFile(sidecar);
        if (!expected) {
            return makeError("bad_checksum", sidecar + " does not hold a SHA-256");
        }
        auto actual = fileSha256(path);
        if (!actual) {
            return actual.error();
        }
        if (actual.value() != *expected) {
            return makeError("bad_checksum", path + " does not match " + sidecar +
                                                 " (damaged or changed since the backup)");
        }
        note = "checksum matches " + sidecar + "; integrity check ok";
    } else {
        note = "no " + sidecar + " beside it: integrity check ok, checksum not checked";
    }
    return checkDatabaseFile(path);
}

common::Status restoreBackup(const std::string& from, const std::string& dbPath,
                             std::string& report) {
    std::string note;
    if (auto s = verifyBackup(from, note); !s) {
        return makeError(s.error().code, "refused: " + s.error().message);
    }
    // a running server holds the lock; so does another restore
    const std::string lockPath = dbPath + ".lock";
    const int lockFd = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
    if (lockFd < 0) {
        return makeError("io", lockPath + ": " + std::strerror(errno));
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{lockFd};
    if (::flock(lockFd, LOCK_EX | LOCK_NB) != 0) {
        return makeError("busy", "the aggregator is running on " + dbPath +
                                     ": stop it first (systemctl stop wardvoice-aggregator)");
    }
    // the copy is made and checked beside the database, then takes its name
    const std::string incoming = dbPath + ".restoring";
    if (auto s = copyFile(from, incoming); !s) {
        return s;
    }
    if (auto s = checkDatabaseFile(incoming); !s) {
        std::error_code ec;
        fs::remove(incoming, ec);
        return makeError(s.error().code, "the copy failed its check: " + s.error().message);
    }
    struct stat old {};
    const bool hadDatabase = ::stat(dbPath.c_str(), &old) == 0;
    std::string aside;
    if (hadDatabase) {
        aside = dbPath + ".before-restore-" + keyOf(common::nowUnix(), "%Y%m%dT%H%M%SZ");
        // the old write-ahead log goes with its database: left behind, SQLite would replay it
        // onto the restored one
        for (const char* suffix : {"-wal", "-shm", ""}) {
            const std::string src = dbPath + suffix;
            if (fs::exists(src) && std::rename(src.c_str(), (aside + suffix).c_str()) != 0) {
                return makeError("io", "rename " + src + ": " + std::strerror(errno));
            }
        }
        if (::geteuid() == 0) { // restored by root for the service's user: keep the owner
            (void)::chown(incoming.c_str(), old.st_uid, old.st_gid);
        }
        ::chmod(incoming.c_str(), old.st_mode & 07777);
    }
    if (std::rename(incoming.c_str(), dbPath.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        if (hadDatabase) {
            (void)std::rename(aside.c_str(), dbPath.c_str());
            (void)std::rename((aside + "-wal").c_str(), (dbPath + "-wal").c_str());
        }
        return makeError("io", "rename " + incoming + ": " + why);
    }
    if (auto s = syncPath(parentOf(dbPath), true); !s) {
        return s;
    }
    auto store = SqliteStore::open(dbPath); // migrates a backup from an older version
    if (!store) {
        return makeError(store.error().code,
                         "restored, but it does not open: " + store.error().message);
    }
    auto count = store->countSubmissions();
    if (!count) {
        return count.error();
    }
    report = "restored " + from + " (" + note + "): " + std::to_string(count.value()) +
             " submissions" + (hadDatabase ? "; the database it replaced is " + aside : "");
    return {};
}

common::Result<DatabaseLock> DatabaseLock::shared(const std::string& dbPath) {
    const std::string lockPath = dbPath + ".lock";
    if (const auto parent = fs::path(dbPath).parent_path(); !parent.empty()) {
        std::error_code ec;
        fs::create_directories(parent, ec); // the open below names the path if this failed
    }
    const int fd = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0) {
        return makeError("io", lockPath + ": " + std::strerror(errno));
    }
    if (::flock(fd, LOCK_SH | LOCK_NB) != 0) {
        ::close(fd);
        return makeError("busy", dbPath + " is being restored; start again when it is done");
    }
    return DatabaseLock(fd);
}

DatabaseLock::DatabaseLock(DatabaseLock&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}

DatabaseLock::~DatabaseLock() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

} // namespace wardvoice::aggregator
