// The kiosk's durable queue.
#include "kiosk/outbox.hpp"

#include "common/timeutil.hpp"
#include "common/wire.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>

namespace wardvoice::kiosk {
namespace {

const std::vector<std::string> kMigrations = {
    R"sql(
    CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        payload TEXT NOT NULL
    );
    CREATE TABLE dead_letter (
        id TEXT PRIMARY KEY,
        payload TEXT NOT NULL,
        reason TEXT NOT NULL,
        moved_at TEXT NOT NULL
    );
    )sql",
    // Volunteers for the patient and carer panel: only the sealed box, the time it may leave
    // and, if the aggregator refused it for good, why. No time it was typed, no submission.
    R"sql(
    CREATE TABLE panel_outbox (
        id TEXT PRIMARY KEY,
        sealed TEXT NOT NULL,
        send_after INTEGER NOT NULL,
        refused TEXT
    );
    )sql",
};

/// Runs one statement of `sql` with `values` bound to its parameters in order.
template <typename... Values>
common::Status runWith(common::db::Database& db, const char* sql, const Values&... values) {
    auto st = db.prepare(sql);
    if (!st) {
        return st.error();
    }
    int index = 0;
    (st->bind(++index, values), ...);
    return st->run();
}

template <typename T> common::Result<T> single(common::db::Database& db, const char* sql) {
    auto st = db.prepare(sql);
    if (!st) {
        return st.error();
    }
    auto row = st->step();
    if (!row) {
        return row.error();
    }
    if constexpr (std::is_same_v<T, std::int64_t>) {
        return st->columnInt(0);
    } else {
        if (!row.value() || st->columnIsNull(0)) {
            return std::optional<std::string>{};
        }
        return std::optional<std::string>{st->columnText(0)};
    }
}

} // namespace

common::Result<Outbox> Outbox::open(const std::string& dataDir) {
    std::error_code ec;
    std::filesystem::create_directories(dataDir, ec);
    if (ec) {
        return common::makeError("cantopen",
                                 "cannot create data_dir " + dataDir + ": " + ec.message());
    }
    auto db = common::db::Database::open(dataDir + "/outbox.db");
    if (!db) {
        return db.error();
    }
    if (auto s = db->migrate(kMigrations); !s) {
        return s.error();
    }
    return Outbox(std::move(db).value());
}

common::Status Outbox::store(const common::Submission& s) {
    return storeAll({s});
}

common::Status Outbox::storeAll(const std::vector<common::Submission>& submissions) {
    std::lock_guard lock(m_mutex);
    auto tx = common::db::Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto st = m_db.prepare("INSERT INTO outbox (id, created_at, payload) VALUES (?, ?, ?)");
    if (!st) {
        return st.error();
    }
    for (const common::Submission& s : submissions) {
        st->bind(1, s.id).bind(2, s.createdAt).bind(3, common::wire::toJson(s).dump());
        if (auto r = st->run(); !r) {
            return r;
        }
    }
    return tx->commit();
}

common::Result<std::vector<common::Submission>> Outbox::peek(std::size_t limit) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare("SELECT id, payload FROM outbox ORDER BY seq LIMIT ?");
    if (!st) {
        return st.error();
    }
    st->bind(1, static_cast<std::int64_t>(limit));
    std::vector<common::Submission> out;
    std::vector<std::pair<std::string, std::string>> unreadable;
    auto walked = st->forEachRow([&](const common::db::Statement& row) {
        const auto j = nlohmann::json::parse(row.columnText(1), nullptr, false);
        auto parsed = common::wire::submissionFromJson(j);
        if (!parsed) {
            // Cannot happen for rows this program wrote; keep the evidence rather than loop on it.
            unreadable.emplace_back(row.columnText(0),
                                    "unreadable outbox row: " + parsed.error().message);
            return;
        }
        out.push_back(std::move(parsed).value());
    });
    if (!walked) {
        return walked.error();
    }
    st->reset();
    for (const auto& [id, reason] : unreadable) {
        if (auto moved = deadLetterLocked(id, reason); !moved) {
            return moved.error();
        }
    }
    return out;
}

common::Status Outbox::remove(const std::vector<std::string>& ids) {
    std::lock_guard lock(m_mutex);
    auto tx = common::db::Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto st = m_db.prepare("DELETE FROM outbox WHERE id = ?");
    if (!st) {
        return st.error();
    }
    for (const std::string& id : ids) {
        st->bind(1, id);
        if (auto r = st->run(); !r) {
            return r;
        }
    }
    return tx->commit();
}

common::Status Outbox::deadLetter(const std::string& id, const std::string& reason) {
    std::lock_guard lock(m_mutex);
    return deadLetterLocked(id, reason);
}

common::Status Outbox::deadLetterLocked(const std::string& id, const std::string& reason) {
    auto tx = common::db::Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto move = m_db.prepare("INSERT OR REPLACE INTO dead_letter (id, payload, reason, moved_at) "
                             "SELECT id, payload, ?, ? FROM outbox WHERE id = ?");
    auto del = m_db.prepare("DELETE FROM outbox WHERE id = ?");
    if (!move) {
        return move.error();
    }
    if (!del) {
        return del.error();
    }
    move->bind(1, reason).bind(2, common::formatRfc3339(common::nowUnix())).bind(3, id);
    if (auto r = move->run(); !r) {
        return r;
    }
    del->bind(1, id);
    if (auto r = del->run(); !r) {
        return r;
    }
    return tx->commit();
}

common::Result<std::int64_t> Outbox::depth() {
    std::lock_guard lock(m_mutex);
    return single<std::int64_t>(m_db, "SELECT count(*) FROM outbox");
}

common::Result<std::int64_t> Outbox::deadLetterCount() {
    std::lock_guard lock(m_mutex);
    return single<std::int64_t>(m_db, "SELECT count(*) FROM dead_letter");
}

common::Result<std::optional<std::string>> Outbox::oldestCreatedAt() {
    std::lock_guard lock(m_mutex);
    return single<std::optional<std::string>>(m_db, "SELECT min(created_at) FROM outbox");
}

common::Status Outbox::storeVolunteer(const SealedVolunteer& v) {
    std::lock_guard lock(m_mutex);
    return runWith(m_db, "INSERT INTO panel_outbox (id, sealed, send_after) VALUES (?, ?, ?)", v.id,
                   v.sealed, v.sendAfter);
}

common::Result<std::vector<SealedVolunteer>> Outbox::dueVolunteers(std::int64_t now,
                                                                   std::size_t limit) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare("SELECT id, sealed, send_after FROM panel_outbox WHERE refused IS NULL "
                           "AND send_after <= ? ORDER BY send_after LIMIT ?");
    if (!st) {
        return st.error();
    }
    st->bind(1, now).bind(2, static_cast<std::int64_t>(limit));
    std::vector<SealedVolunteer> out;
    auto walked = st->forEachRow([&](const common::db::Statement& row) {
        out.push_back({row.columnText(0), row.columnText(1), row.columnInt(2)});
    });
    if (!walked) {
        return walked.error();
    }
    return out;
}

common::Status Outbox::removeVolunteer(const std::string& id) {
    std::lock_guard lock(m_mutex);
    return runWith(m_db, "DELETE FROM panel_outbox WHERE id = ?", id);
}

common::Status Outbox::postponeVolunteer(const std::string& id, std::int64_t sendAfter) {
    std::lock_guard lock(m_mutex);
    return runWith(m_db, "UPDATE panel_outbox SET send_after = ? WHERE id = ?", sendAfter, id);
}

common::Status Outbox::refuseVolunteer(const std::string& id, const std::string& reason) {
    std::lock_guard lock(m_mutex);
    return runWith(m_db, "UPDATE panel_outbox SET refused = ? WHERE id = ?", reason, id);
}

common::Result<std::int64_t> Outbox::volunteerDepth() {
    std::lock_guard lock(m_mutex);
    return single<std::int64_t>(m_db, "SELECT count(*) FROM panel_outbox WHERE refused IS NULL");
}

} // namespace wardvoice::kiosk
