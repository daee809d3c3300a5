// The aggregator's storage for the staff side: users, sessions, audit log and "you said, we
// did" messages (agenda items and meetings: meetings.cpp).
#include "aggregator/store/rows.hpp"
#include "aggregator/store/sqlite_store.hpp"

#include <nlohmann/json.hpp>

namespace wardvoice::aggregator {
namespace {

using common::makeError;
using common::Result;
using common::Status;
using common::db::Statement;
using common::db::Transaction;
using nlohmann::json;

std::string wardsJson(const std::vector<std::string>& wards) {
    return json(wards).dump();
}

std::vector<std::string> wardsFrom(const std::string& text) {
    std::vector<std::string> out;
    const auto j = json::parse(text, nullptr, false);
    if (j.is_array()) {
        for (const auto& w : j) {
            if (w.is_string()) {
                out.push_back(w.get<std::string>());
            }
        }
    }
    return out;
}

UserRecord userFromRow(const Statement& row) {
    UserRecord u;
    u.name = row.columnText(0);
    u.role = roleFromString(row.columnText(1)).value_or(Role::WardManager);
    u.wards = wardsFrom(row.columnText(2));
    u.passwordHash = row.columnText(3);
    u.createdAt = row.columnInt(4);
    u.disabledAt = row.columnOptionalInt(5);
    return u;
}

constexpr const char* kUserColumns = "name, role, wards, password_hash, created_at, disabled_at";

constexpr const char* kMessageColumns = "id, text, wards, agenda_item_id, created_by, created_at, "
                                        "expires_at, texts, withdrawn_at, updated_by, updated_at";

YouSaidWeDid messageFromRow(const Statement& row) {
    YouSaidWeDid m;
    m.id = row.columnInt(0);
    m.text = row.columnText(1);
    m.wards = wardsFrom(row.columnText(2));
    m.agendaItemId = row.columnOptionalInt(3);
    m.createdBy = row.columnText(4);
    m.createdAt = row.columnInt(5);
    m.expiresAt = row.columnInt(6);
    m.texts = rows::textsFrom(row.columnText(7));
    m.withdrawnAt = row.columnOptionalInt(8);
    m.updatedBy = row.columnText(9);
    m.updatedAt = row.columnOptionalInt(10);
    return m;
}

} // namespace

std::string_view toString(Role role) {
    switch (role) {
    case Role::Admin:
        return "admin";
    case Role::PanelChair:
        return "panel_chair";
    case Role::PanelMember:
        return "panel_member";
    case Role::WardManager:
        break;
    }
    return "ward_manager";
}

std::optional<Role> roleFromString(std::string_view s) {
    for (const Role r : {Role::Admin, Role::PanelChair, Role::WardManager, Role::PanelMember}) {
        if (toString(r) == s) {
            return r;
        }
    }
    return std::nullopt;
}

Result<std::vector<std::string>> SqliteStore::listWards() {
    const ReadLease lease = reader();
    auto st = lease.db().cached("SELECT ward FROM kiosks UNION SELECT ward FROM wards ORDER BY 1");
    if (!st) {
        return st.error();
    }
    std::vector<std::string> out;
    if (auto s = (*st)->forEachRow([&](const Statement& row) { out.push_back(row.columnText(0)); });
        !s) {
        return s.error();
    }
    return out;
}

Status SqliteStore::setWardName(const std::string& ward, const std::string& name,
                                std::int64_t now) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare("INSERT INTO wards (ward, first_seen, name) VALUES (?,?,?) "
                           "ON CONFLICT (ward) DO UPDATE SET name = excluded.name");
    if (!st) {
        return st.error();
    }
    st->bind(1, ward).bind(2, now).bind(3, name);
    return st->run();
}

Result<std::map<std::string, std::string>> SqliteStore::wardNames() {
    const ReadLease lease = reader();
    auto st = lease.db().cached("SELECT ward, name FROM wards WHERE name != ''");
    if (!st) {
        return st.error();
    }
    std::map<std::string, std::string> out;
    if (auto s = (*st)->forEachRow(
            [&](const Statement& row) { out.emplace(row.columnText(0), row.columnText(1)); });
        !s) {
        return s.error();
    }
    return out;
}

Status SqliteStore::addUser(const UserRecord& user) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare("INSERT INTO users (name, role, wards, password_hash, created_at) "
                           "VALUES (?,?,?,?,?)");
    if (!st) {
        return st.error();
    }
    st->bind(1, user.name)
        .bind(2, toString(user.role))
        .bind(3, wardsJson(user.wards))
        .bind(4, user.passwordHash)
        .bind(5, user.createdAt);
    if (auto s = st->run(); !s) {
        if (s.error().code == "constraint") {
            return makeError("exists", "there is already a user called " + user.name);
        }
        return s;
    }
    return {};
}

Result<std::vector<UserRecord>> SqliteStore::listUsers() {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY name");
    if (!st) {
        return st.error();
    }
    std::vector<UserRecord> out;
    if (auto s = st->forEachRow([&](const Statement& row) { out.push_back(userFromRow(row)); });
        !s) {
        return s.error();
    }
    return out;
}

Result<std::optional<UserRecord>> SqliteStore::findUser(const std::string& name) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE name = ?");
    if (!st) {
        return st.error();
    }
    st->bind(1, name);
    auto row = st->step();
    if (!row) {
        return row.error();
    }
    if (!row.value()) {
        return std::optional<UserRecord>{};
    }
    return std::optional<UserRecord>{userFromRow(*st)};
}

Status SqliteStore::disableUser(const std::string& name, std::int64_t now) {
    std::lock_guard lock(m_mutex);
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto st =
        m_db.prepare("UPDATE users SET disabled_at = coalesce(disabled_at, ?) WHERE name = ?");
    if (!st) {
        return st.error();
    }
    st->bind(1, now).bind(2, name);
    if (auto s = st->run(); !s) {
        return s;
    }
    if (m_db.changes() == 0) {
        return makeError("not_found", "no user called " + name);
    }
    auto revoke = m_db.prepare(
        "UPDATE sessions SET revoked_at = ? WHERE user_name = ? AND revoked_at IS NULL");
    if (!revoke) {
        return revoke.error();
    }
    revoke->bind(1, now).bind(2, name);
    if (auto s = revoke->run(); !s) {
        return s;
    }
    return tx->commit();
}

Status SqliteStore::addSession(const std::string& tokenHash, const SessionRecord& session,
                               std::int64_t now) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare("INSERT INTO sessions (token_hash, user_name, csrf_token, created_at, "
                           "expires_at, last_seen_at, idle_s) VALUES (?,?,?,?,?,?,?)");
    if (!st) {
        return st.error();
    }
    st->bind(1, tokenHash)
        .bind(2, session.userName)
        .bind(3, session.csrfToken)
        .bind(4, now)
        .bind(5, session.expiresAt)
        .bind(6, now)
        .bind(7, session.idleSeconds);
    return st->run();
}

Result<std::optional<SessionRecord>> SqliteStore::findSession(const std::string& tokenHash,
                                                              std::int64_t now) {
    std::lock_guard lock(m_mutex);
    auto st =
        m_db.cached("SELECT s.user_name, s.csrf_token, s.expires_at, s.idle_s, "
                    "coalesce(s.last_seen_at, s.created_at) FROM sessions s JOIN users u ON "
                    "u.name = s.user_name WHERE s.token_hash = ?1 AND s.revoked_at IS NULL AND "
                    "s.expires_at > ?2 AND u.disabled_at IS NULL AND "
                    "(s.idle_s = 0 OR coalesce(s.last_seen_at, s.created_at) + s.idle_s > ?2)");
    if (!st) {
        return st.error();
    }
    (*st)->bind(1, tokenHash).bind(2, now);
    auto row = (*st)->step();
    if (!row) {
        return row.error();
    }
    if (!row.value()) {
        (*st)->reset();
        return std::optional<SessionRecord>{};
    }
    SessionRecord found{(*st)->columnText(0), (*st)->columnText(1), (*st)->columnInt(2),
                        (*st)->columnInt(3)};
    const std::int64_t lastSeen = (*st)->columnInt(4);
    (*st)->reset();
    // in use: written at most every 30 seconds, not at every request
    if (found.idleSeconds > 0 && now - lastSeen >= 30) {
        auto touch = m_db.cached("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?");
        if (!touch) {
            return touch.error();
        }
        (*touch)->bind(1, now).bind(2, tokenHash);
        if (auto s = (*touch)->run(); !s) {
            return s.error();
        }
    }
    return std::optional<SessionRecord>{std::move(found)};
}

Status SqliteStore::revokeSession(const std::string& tokenHash, std::int64_t now) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare(
        "UPDATE sessions SET revoked_at = coalesce(revoked_at, ?) WHERE token_hash = ?");
    if (!st) {
        return st.error();
    }
    st->bind(1, now).bind(2, tokenHash);
    return st->run();
}

Status SqliteStore::audit(std::int64_t at, const std::string& userName, const std::string& action,
                          const std::string& detail) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare("INSERT INTO audit (at, user_name, action, detail) VALUES (?,?,?,?)");
    if (!st) {
        return st.error();
    }
    st->bind(1, at).bind(2, userName).bind(3, action).bind(4, detail);
    return st->run();
}

Result<std::vector<AuditEntry>> SqliteStore::listAudit(std::size_t limit) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare(
        "SELECT seq, at, user_name, action, detail FROM audit ORDER BY seq DESC LIMIT ?");
    if (!st) {
        return st.error();
    }
    st->bind(1, static_cast<std::int64_t>(limit));
    std::vector<AuditEntry> out;
    if (auto s = st->forEachRow([&](const Statement& row) {
            out.push_back({row.columnInt(0), row.columnInt(1), row.columnText(2), row.columnText(3),
                           row.columnText(4)});
        });
        !s) {
        return s.error();
    }
    return out;
}

Result<std::int64_t> SqliteStore::addMessage(const YouSaidWeDid& message) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare("INSERT INTO messages (text, wards, agenda_item_id, created_by, "
                           "created_at, expires_at, texts) VALUES (?,?,?,?,?,?,?)");
    if (!st) {
        return st.error();
    }
    st->bind(1, message.text)
        .bind(2, wardsJson(message.wards))
        .bind(3, message.agendaItemId)
        .bind(4, message.createdBy)
        .bind(5, message.createdAt)
        .bind(6, message.expiresAt)
        .bind(7, rows::textsJson(message.texts));
    if (auto s = st->run(); !s) {
        if (s.error().code == "constraint") {
            return makeError("not_found", "no such agenda item");
        }
        return s.error();
    }
    return m_db.lastInsertRowid();
}

Result<std::optional<YouSaidWeDid>> SqliteStore::findMessage(std::int64_t id) {
    std::lock_guard lock(m_mutex);
    auto st =
        m_db.prepare(std::string("SELECT ") + kMessageColumns + " FROM messages WHERE id = ?");
    if (!st) {
        return st.error();
    }
    st->bind(1, id);
    std::optional<YouSaidWeDid> out;
    if (auto s = st->forEachRow([&](const Statement& row) { out = messageFromRow(row); }); !s) {
        return s.error();
    }
    return out;
}

Status SqliteStore::updateMessage(const YouSaidWeDid& message) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare("UPDATE messages SET text = ?, texts = ?, wards = ?, expires_at = ?, "
                           "withdrawn_at = ?, updated_by = ?, updated_at = ? WHERE id = ?");
    if (!st) {
        return st.error();
    }
    st->bind(1, message.text)
        .bind(2, rows::textsJson(message.texts))
        .bind(3, wardsJson(message.wards))
        .bind(4, message.expiresAt)
        .bind(5, message.withdrawnAt)
        .bind(6, message.updatedBy)
        .bind(7, message.updatedAt)
        .bind(8, message.id);
    if (auto s = st->run(); !s) {
        return s;
    }
    if (m_db.changes() == 0) {
        return makeError("not_found", "no such message");
    }
    return {};
}

Result<std::vector<YouSaidWeDid>> SqliteStore::listMessages(const std::string& ward,
                                                            std::int64_t now) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare(std::string("SELECT ") + kMessageColumns +
                           " FROM messages WHERE (? = 0 OR (expires_at > ? AND withdrawn_at IS "
                           "NULL)) ORDER BY created_at DESC, id DESC");
    if (!st) {
        return st.error();
    }
    st->bind(1, now).bind(2, now);
    std::vector<YouSaidWeDid> out;
    if (auto s = st->forEachRow([&](const Statement& row) {
            auto m = messageFromRow(row);
            if (ward.empty() || std::find(m.wards.begin(), m.wards.end(), ward) != m.wards.end()) {
                out.push_back(std::move(m));
            }
        });
        !s) {
        return s.error();
    }
    return out;
}

namespace rows {

std::string textsJson(const std::map<std::string, std::string>& texts) {
    return json(texts).dump();
}

std::map<std::string, std::string> textsFrom(const std::string& stored) {
    std::map<std::string, std::string> out;
    const json j = json::parse(stored, nullptr, false);
    if (j.is_object()) {
        for (const auto& [language, text] : j.items()) {
            if (text.is_string()) {
                out.emplace(language, text.get<std::string>());
            }
        }
    }
    return out;
}

} // namespace rows

} // namespace wardvoice::aggregator
