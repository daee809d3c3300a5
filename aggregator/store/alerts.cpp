// Safeguarding alerts in SQLite: raised at ingest, routed into a delivery queue, delivered and
// retried, acknowledged and resolved by staff, every step written to the alert's history.
#include "aggregator/store/rows.hpp"
#include "aggregator/store/sqlite_store.hpp"
#include "common/timeutil.hpp"

#include <algorithm>

namespace wardvoice::aggregator {
namespace {

using common::makeError;
using common::Result;
using common::Status;
using common::db::Database;
using common::db::Statement;
using common::db::Transaction;

constexpr const char* kAlertColumns =
    "a.id, a.submission_seq, a.submission_id, a.ward, a.concern, a.reason, a.created_at, "
    "a.status, a.false_alarm, a.deliver";

AlertRecord alertFromRow(const Statement& row) {
    AlertRecord a;
    a.id = row.columnInt(0);
    a.submissionSeq = row.columnInt(1);
    a.submissionId = row.columnText(2);
    a.ward = row.columnText(3);
    a.concern = row.columnText(4);
    a.reason = row.columnText(5);
    a.createdAt = row.columnInt(6);
    a.status = row.columnText(7);
    a.falseAlarm = row.columnInt(8) != 0;
    a.deliver = row.columnInt(9) != 0;
    return a;
}

Status insertEvent(Database& db, std::int64_t alertId, const AlertEvent& e) {
    auto st = db.cached(
        "INSERT INTO alert_events (alert_id, at, actor, action, note) VALUES (?,?,?,?,?)");
    if (!st) {
        return st.error();
    }
    (*st)->bind(1, alertId).bind(2, e.at).bind(3, e.actor).bind(4, e.action).bind(5, e.note);
    return (*st)->run();
}

/// Runs `sql` (a query of kAlertColumns with its parameters bound by `bind`) on `db`.
Result<std::vector<AlertRecord>> queryAlerts(Database& db, const std::string& sql,
                                             const std::function<void(Statement&)>& bind) {
    auto st = db.prepare(sql);
    if (!st) {
        return st.error();
    }
    bind(*st);
    std::vector<AlertRecord> out;
    if (auto s = st->forEachRow([&](const Statement& row) { out.push_back(alertFromRow(row)); });
        !s) {
        return s.error();
    }
    return out;
}

/// Fills each alert's history, oldest first.
Status loadHistory(Database& db, std::vector<AlertRecord>& alerts) {
    if (alerts.empty()) {
        return {};
    }
    std::string sql = "SELECT alert_id, at, actor, action, note FROM alert_events WHERE alert_id "
                      "IN (" +
                      rows::marks(alerts.size()) + ") ORDER BY id";
    auto st = db.prepare(sql);
    if (!st) {
        return st.error();
    }
    for (std::size_t i = 0; i < alerts.size(); ++i) {
        st->bind(static_cast<int>(i + 1), alerts[i].id);
    }
    return st->forEachRow([&](const Statement& row) {
        const std::int64_t id = row.columnInt(0);
        auto it = std::find_if(alerts.begin(), alerts.end(),
                               [&](const AlertRecord& a) { return a.id == id; });
        if (it != alerts.end()) {
            it->history.push_back(
                {row.columnInt(1), row.columnText(2), row.columnText(3), row.columnText(4)});
        }
    });
}

} // namespace

Status SqliteStore::insertAlert(std::int64_t seq, const common::Submission& s,
                                const common::ScreenResult& screen, std::int64_t now,
                                bool deliver) {
    auto st = m_db.cached(
        "INSERT INTO alerts (submission_seq, submission_id, ward, concern, reason, created_at, "
        "deliver, routed, updated_at) VALUES (?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT (submission_seq) DO NOTHING");
    if (!st) {
        return st.error();
    }
    (*st)
        ->bind(1, seq)
        .bind(2, s.id)
        .bind(3, s.ward)
        .bind(4, common::toString(screen.concern))
        .bind(5, screen.reason)
        .bind(6, now)
        .bind(7, deliver ? 1 : 0)
        .bind(8, deliver ? 0 : 1)
        .bind(9, now);
    if (auto r = (*st)->run(); !r) {
        return r;
    }
    if (m_db.changes() != 1) {
        return {}; // this submission already has its alert
    }
    return insertEvent(
        m_db, m_db.lastInsertRowid(),
        {now, "system", "raised",
         std::string(deliver ? "" : "re-screen of stored feedback (not sent): ") + screen.reason});
}

Result<std::vector<AlertRecord>> SqliteStore::alertsToRoute(std::size_t limit) {
    std::lock_guard lock(m_mutex);
    return queryAlerts(m_db,
                       std::string("SELECT ") + kAlertColumns +
                           " FROM alerts a WHERE routed = 0 ORDER BY id LIMIT ?",
                       [&](Statement& st) { st.bind(1, static_cast<std::int64_t>(limit)); });
}

Status SqliteStore::planDeliveries(std::int64_t alertId, const std::vector<AlertDelivery>& plan,
                                   const std::string& action, const std::string& note,
                                   std::int64_t now) {
    std::lock_guard lock(m_mutex);
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto insert = m_db.cached(
        "INSERT INTO alert_deliveries (alert_id, stage, route, channel, target, due_at) "
        "VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING");
    if (!insert) {
        return insert.error();
    }
    int queued = 0;
    for (const AlertDelivery& d : plan) {
        (*insert)
            ->bind(1, alertId)
            .bind(2, d.stage)
            .bind(3, d.route)
            .bind(4, d.channel)
            .bind(5, d.target)
            .bind(6, d.dueAt);
        if (auto s = (*insert)->run(); !s) {
            return s;
        }
        queued += m_db.changes();
    }
    if (action == "escalated" && queued == 0) {
        return {}; // escalated before: nothing new to say
    }
    if (action == "routed" || action == "unrouted") {
        auto mark = m_db.cached("UPDATE alerts SET routed = 1, updated_at = ? WHERE id = ?");
        if (!mark) {
            return mark.error();
        }
        (*mark)->bind(1, now).bind(2, alertId);
        if (auto s = (*mark)->run(); !s) {
            return s;
        }
    }
    if (auto s = insertEvent(m_db, alertId, {now, "system", action, note}); !s) {
        return s;
    }
    return tx->commit();
}

Result<std::vector<AlertRecord>> SqliteStore::openAlerts(std::int64_t raisedBefore,
                                                         std::size_t limit) {
    std::lock_guard lock(m_mutex);
    return queryAlerts(
        m_db,
        std::string("SELECT ") + kAlertColumns +
            " FROM alerts a WHERE status = 'open' AND routed = 1 AND deliver = 1 "
            "AND created_at <= ? ORDER BY created_at LIMIT ?",
        [&](Statement& st) { st.bind(1, raisedBefore).bind(2, static_cast<std::int64_t>(limit)); });
}

Result<std::vector<AlertDelivery>> SqliteStore::dueDeliveries(std::int64_t now, std::size_t limit) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare(
        "SELECT d.id, d.alert_id, d.stage, d.route, d.channel, d.target, d.due_at, d.attempts, "
        "d.last_error, a.ward, a.concern, a.created_at FROM alert_deliveries d JOIN alerts a ON "
        "a.id = d.alert_id WHERE d.delivered_at IS NULL AND d.due_at <= ? "
        "ORDER BY d.due_at, d.id LIMIT ?");
    if (!st) {
        return st.error();
    }
    st->bind(1, now).bind(2, static_cast<std::int64_t>(limit));
    std::vector<AlertDelivery> out;
    if (auto s = st->forEachRow([&](const Statement& row) {
            AlertDelivery d;
            d.id = row.columnInt(0);
            d.alertId = row.columnInt(1);
            d.stage = row.columnText(2);
            d.route = static_cast<int>(row.columnInt(3));
            d.channel = row.columnText(4);
            d.target = row.columnText(5);
            d.dueAt = row.columnInt(6);
            d.attempts = static_cast<int>(row.columnInt(7));
            d.lastError = row.columnText(8);
            d.ward = row.columnText(9);
            d.concern = row.columnText(10);
            d.raisedAt = row.columnInt(11);
            out.push_back(std::move(d));
        });
        !s) {
        return s.error();
    }
    return out;
}

Status SqliteStore::recordDeliveryAttempt(std::int64_t deliveryId, bool delivered,
                                          const std::string& error, std::int64_t retryAt,
                                          std::int64_t now) {
    std::lock_guard lock(m_mutex);
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto find =
        m_db.cached("SELECT alert_id, channel, target, stage, attempts FROM alert_deliveries "
                    "WHERE id = ? AND delivered_at IS NULL");
    if (!find) {
        return find.error();
    }
    (*find)->bind(1, deliveryId);
    auto row = (*find)->step();
    if (!row) {
        return row.error();
    }
    if (!row.value()) {
        return makeError("not_found", "no such undelivered delivery");
    }
    const std::int64_t alertId = (*find)->columnInt(0);
    const std::string where = (*find)->columnText(1) + " to " + (*find)->columnText(2) + " (" +
                              (*find)->columnText(3) + ")";
    const std::int64_t attempts = (*find)->columnInt(4) + 1;
    auto update =
        m_db.cached(delivered ? "UPDATE alert_deliveries SET attempts = ?, "
                                "last_error = '', delivered_at = ? WHERE id = ?"
                              : "UPDATE alert_deliveries SET attempts = ?, "
                                "last_error = substr(?, 1, 500), due_at = ? WHERE id = ?");
    if (!update) {
        return update.error();
    }
    if (delivered) {
        (*update)->bind(1, attempts).bind(2, now).bind(3, deliveryId);
    } else {
        (*update)->bind(1, attempts).bind(2, error).bind(3, retryAt).bind(4, deliveryId);
    }
    if (auto s = (*update)->run(); !s) {
        return s;
    }
    const std::string note = delivered ? where
                                       : where + ", attempt " + std::to_string(attempts) + ": " +
                                             error.substr(0, 300) + "; next try " +
                                             common::formatRfc3339(retryAt);
    if (auto s = insertEvent(m_db, alertId,
                             {now, "system", delivered ? "delivered" : "delivery_failed", note});
        !s) {
        return s;
    }
    return tx->commit();
}

Result<std::int64_t> SqliteStore::pendingDeliveries() {
    return scalar("SELECT count(*) FROM alert_deliveries WHERE delivered_at IS NULL");
}

Result<std::vector<AlertRecord>> SqliteStore::listAlerts(const AlertQuery& query) {
    if (query.wards.empty()) {
        return std::vector<AlertRecord>{};
    }
    ReadLease lease = reader();
    std::string sql = std::string("SELECT ") + kAlertColumns + " FROM alerts a WHERE ward IN (" +
                      rows::marks(query.wards.size()) + ")";
    if (query.status) {
        sql += " AND status = ?";
    }
    // Open first, then acknowledged, then resolved; newest first within each.
    sql += " ORDER BY CASE status WHEN 'open' THEN 0 WHEN 'acknowledged' THEN 1 ELSE 2 END, "
           "id DESC LIMIT ?";
    auto alerts = queryAlerts(lease.db(), sql, [&](Statement& st) {
        int k = 1;
        for (const auto& w : query.wards) {
            st.bind(k++, w);
        }
        if (query.status) {
            st.bind(k++, *query.status);
        }
        st.bind(k, static_cast<std::int64_t>(query.limit));
    });
    if (!alerts) {
        return alerts.error();
    }
    if (auto s = loadHistory(lease.db(), alerts.value()); !s) {
        return s.error();
    }
    return alerts;
}

Result<std::optional<AlertRecord>> SqliteStore::findAlert(std::int64_t id) {
    ReadLease lease = reader();
    auto st = lease.db().prepare(std::string("SELECT ") + kAlertColumns +
                                 ", s.comment, s.topic, s.language, s.rating, s.created_at "
                                 "FROM alerts a JOIN submissions s ON s.seq = a.submission_seq "
                                 "WHERE a.id = ?");
    if (!st) {
        return st.error();
    }
    st->bind(1, id);
    std::vector<AlertRecord> found;
    if (auto s = st->forEachRow([&](const Statement& row) {
            AlertRecord a = alertFromRow(row);
            a.comment = row.columnText(10);
            a.topic = row.columnText(11);
            a.language = row.columnText(12);
            if (!row.columnIsNull(13)) {
                a.rating = static_cast<int>(row.columnInt(13));
            }
            a.submittedAt = row.columnText(14);
            found.push_back(std::move(a));
        });
        !s) {
        return s.error();
    }
    if (found.empty()) {
        return std::optional<AlertRecord>{};
    }
    if (auto s = loadHistory(lease.db(), found); !s) {
        return s.error();
    }
    return std::optional<AlertRecord>(std::move(found.front()));
}

Status SqliteStore::changeAlert(std::int64_t id, const AlertChange& change) {
    std::lock_guard lock(m_mutex);
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto find = m_db.cached("SELECT status FROM alerts WHERE id = ?");
    if (!find) {
        return find.error();
    }
    (*find)->bind(1, id);
    auto row = (*find)->step();
    if (!row) {
        return row.error();
    }
    if (!row.value()) {
        return makeError("not_found", "no alert " + std::to_string(id));
    }
    const std::string current = (*find)->columnText(0);
    const bool allowed = (change.status == "acknowledged" && current == "open") ||
                         (change.status == "resolved" && current != "resolved");
    if (!allowed) {
        return makeError("bad_transition", "alert " + std::to_string(id) + " is " + current +
                                               "; it cannot be " + change.status + " now");
    }
    auto update =
        m_db.cached("UPDATE alerts SET status = ?, false_alarm = ?, updated_at = ? WHERE id = ?");
    if (!update) {
        return update.error();
    }
    (*update)
        ->bind(1, change.status)
        .bind(2, change.falseAlarm ? 1 : 0)
        .bind(3, change.at)
        .bind(4, id);
    if (auto s = (*update)->run(); !s) {
        return s;
    }
    const std::string action =
        change.status == "resolved" && change.falseAlarm ? "resolved_false_alarm" : change.status;
    if (auto s = insertEvent(m_db, id, {change.at, change.actor, action, change.note}); !s) {
        return s;
    }
    return tx->commit();
}

Status SqliteStore::addAlertEvent(std::int64_t id, const AlertEvent& event) {
    std::lock_guard lock(m_mutex);
    return insertEvent(m_db, id, event);
}

Result<AlertCounts> SqliteStore::alertCounts(const std::vector<std::string>& wards) {
    if (wards.empty()) {
        return AlertCounts{};
    }
    ReadLease lease = reader();
    auto st = lease.db().prepare("SELECT coalesce(sum(status = 'open'), 0), count(*) FROM alerts "
                                 "WHERE status <> 'resolved' AND ward IN (" +
                                 rows::marks(wards.size()) + ")");
    if (!st) {
        return st.error();
    }
    for (std::size_t i = 0; i < wards.size(); ++i) {
        st->bind(static_cast<int>(i + 1), wards[i]);
    }
    auto row = st->step();
    if (!row) {
        return row.error();
    }
    return AlertCounts{st->columnInt(0), st->columnInt(1)};
}

Result<std::vector<FalseAlarm>> SqliteStore::falseAlarms() {
    ReadLease lease = reader();
    auto st = lease.db().prepare(
        "SELECT a.id, a.ward, a.concern, a.reason, s.comment, s.rating, s.language, "
        "a.created_at, (SELECT note FROM alert_events e WHERE e.alert_id = a.id AND "
        "e.action = 'resolved_false_alarm' ORDER BY e.id DESC LIMIT 1) "
        "FROM alerts a JOIN submissions s ON s.seq = a.submission_seq "
        "WHERE a.false_alarm = 1 ORDER BY a.id");
    if (!st) {
        return st.error();
    }
    std::vector<FalseAlarm> out;
    if (auto s = st->forEachRow([&](const Statement& row) {
            FalseAlarm f;
            f.alertId = row.columnInt(0);
            f.ward = row.columnText(1);
            f.concern = row.columnText(2);
            f.reason = row.columnText(3);
            f.comment = row.columnText(4);
            if (!row.columnIsNull(5)) {
                f.rating = static_cast<int>(row.columnInt(5));
            }
            f.language = row.columnText(6);
            f.createdAt = row.columnInt(7);
            f.note = row.columnText(8);
            out.push_back(std::move(f));
        });
        !s) {
        return s.error();
    }
    return out;
}

Result<std::int64_t> SqliteStore::rescreen(std::optional<std::int64_t> since,
                                           std::optional<std::int64_t> until, std::int64_t now) {
    // Screened a thousand at a time, each thousand in its own transaction, so that kiosks'
    // uploads are never held up for long.
    std::int64_t raised = 0;
    std::int64_t after = 0;
    for (;;) {
        std::lock_guard lock(m_mutex);
        auto st = m_db.prepare(
            std::string("SELECT ") + rows::kSubmissionColumns +
            " FROM submissions s WHERE s.seq > ?1 AND s.comment <> '' AND (?2 IS NULL OR "
            "s.created_unix >= ?2) AND (?3 IS NULL OR s.created_unix < ?3) AND NOT EXISTS "
            "(SELECT 1 FROM alerts a WHERE a.submission_seq = s.seq) ORDER BY s.seq LIMIT 1000");
        if (!st) {
            return st.error();
        }
        st->bind(1, after).bind(2, since).bind(3, until);
        std::vector<std::pair<std::int64_t, common::Submission>> batch;
        if (auto s = st->forEachRow([&](const Statement& row) {
                StoredSubmission stored = rows::submissionFromRow(row);
                batch.emplace_back(stored.seq, std::move(stored.submission));
            });
            !s) {
            return s.error();
        }
        if (batch.empty()) {
            return raised;
        }
        auto tx = Transaction::begin(m_db);
        if (!tx) {
            return tx.error();
        }
        for (const auto& [seq, sub] : batch) {
            const common::ScreenResult screen = common::screenComment(
                {sub.comment, sub.rating, common::toString(sub.topic), sub.language});
            if (!screen.flagged) {
                continue;
            }
            if (auto s = insertAlert(seq, sub, screen, now, false); !s) {
                return s.error();
            }
            ++raised;
        }
        if (auto s = tx->commit(); !s) {
            return s.error();
        }
        after = batch.back().first;
    }
}

} // namespace wardvoice::aggregator
