// The aggregator's storage for co-production: the agenda items a ward's kiosks offer as
// choices, the patients' votes among them (a column of their submissions), and the sealed
// records of people who offered to join the panel.
#include "aggregator/store/rows.hpp"
#include "aggregator/store/sqlite_store.hpp"
#include "common/timeutil.hpp"

#include <algorithm>

namespace wardvoice::aggregator {

using common::Result;
using common::Status;
using common::db::Statement;
using common::db::Transaction;

Status SqliteStore::setChoices(const std::string& ward, const std::vector<AgendaChoice>& choices,
                               std::int64_t now) {
    std::lock_guard lock(m_mutex);
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto close = m_db.prepare(
        "UPDATE agenda_choices SET closed_at = ? WHERE ward = ? AND closed_at IS NULL");
    if (!close) {
        return close.error();
    }
    close->bind(1, now).bind(2, ward);
    if (auto s = close->run(); !s) {
        return s;
    }
    // one that was open stays open since it was first opened; its titles may change
    auto open = m_db.prepare(
        "INSERT INTO agenda_choices (ward, item_id, titles, opened_by, opened_at, doing) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (ward, item_id) DO UPDATE SET "
        "titles = excluded.titles, doing = excluded.doing, closed_at = NULL, "
        "opened_by = CASE WHEN closed_at = ?5 THEN opened_by ELSE excluded.opened_by END, "
        "opened_at = CASE WHEN closed_at = ?5 THEN opened_at ELSE excluded.opened_at END");
    if (!open) {
        return open.error();
    }
    for (const AgendaChoice& c : choices) {
        open->reset();
        open->bind(1, ward)
            .bind(2, c.itemId)
            .bind(3, rows::textsJson(c.titles))
            .bind(4, c.openedBy)
            .bind(5, now)
            .bind(6, rows::textsJson(c.doing));
        if (auto s = open->run(); !s) {
            return s;
        }
    }
    return tx->commit();
}

Result<std::vector<AgendaChoice>> SqliteStore::listChoices(const std::string& ward) {
    auto lease = reader();
    auto st = lease.db().prepare(
        "SELECT c.ward, c.item_id, c.titles, c.opened_by, c.opened_at, c.closed_at, i.status, "
        "c.doing, i.action, i.closed_at "
        "FROM agenda_choices c JOIN agenda_items i ON i.id = c.item_id "
        "WHERE ?1 = '' OR c.ward = ?1 ORDER BY c.opened_at, c.item_id");
    if (!st) {
        return st.error();
    }
    st->bind(1, ward);
    std::vector<AgendaChoice> out;
    if (auto s = st->forEachRow([&](const Statement& row) {
            AgendaChoice c;
            c.ward = row.columnText(0);
            c.itemId = row.columnInt(1);
            c.titles = rows::textsFrom(row.columnText(2));
            c.openedBy = row.columnText(3);
            c.openedAt = row.columnInt(4);
            c.closedAt = row.columnOptionalInt(5);
            c.itemStatus = row.columnText(6);
            c.doing = rows::textsFrom(row.columnText(7));
            c.itemAction = row.columnText(8);
            c.itemClosedAt = row.columnOptionalInt(9);
            out.push_back(std::move(c));
        });
        !s) {
        return s.error();
    }
    return out;
}

Result<std::vector<ChoiceVotes>> SqliteStore::choiceVotes() {
    auto lease = reader();
    // weeks start on Monday: day 0 (1970-01-01) was a Thursday
    auto st = lease.db().prepare(
        "SELECT ward, priority_vote, (created_unix / 86400 + 3) / 7 AS week, count(*) "
        "FROM submissions WHERE priority_vote IS NOT NULL "
        "GROUP BY ward, priority_vote, week ORDER BY ward, priority_vote, week");
    if (!st) {
        return st.error();
    }
    std::vector<ChoiceVotes> out;
    if (auto s = st->forEachRow([&](const Statement& row) {
            const std::string ward = row.columnText(0);
            const std::int64_t item = row.columnInt(1);
            if (out.empty() || out.back().ward != ward || out.back().itemId != item) {
                out.push_back({ward, item, 0, {}});
            }
            const std::int64_t monday = (row.columnInt(2) * 7 - 3) * rows::kDaySeconds;
            const std::int64_t n = row.columnInt(3);
            out.back().votes += n;
            out.back().byWeek[common::formatRfc3339(monday).substr(0, 10)] += n;
        });
        !s) {
        return s.error();
    }
    return out;
}

Result<bool> SqliteStore::addVolunteer(const PanelVolunteer& v) {
    std::lock_guard lock(m_mutex);
    auto st =
        m_db.prepare("INSERT INTO panel_volunteers (id, ward, day, sealed_b64) VALUES (?,?,?,?) "
                     "ON CONFLICT (id) DO NOTHING");
    if (!st) {
        return st.error();
    }
    st->bind(1, v.id).bind(2, v.ward).bind(3, v.day).bind(4, v.sealed);
    if (auto s = st->run(); !s) {
        return s.error();
    }
    return m_db.changes() == 1;
}

Result<std::vector<PanelVolunteer>> SqliteStore::listVolunteers() {
    auto lease = reader();
    auto st = lease.db().prepare("SELECT id, ward, day, sealed_b64, status, updated_by FROM "
                                 "panel_volunteers ORDER BY day DESC, id");
    if (!st) {
        return st.error();
    }
    std::vector<PanelVolunteer> out;
    if (auto s = st->forEachRow([&](const Statement& row) {
            out.push_back({row.columnText(0), row.columnText(1), row.columnText(2),
                           row.columnText(3), row.columnText(4), row.columnText(5)});
        });
        !s) {
        return s.error();
    }
    return out;
}

Status SqliteStore::setVolunteerStatus(const std::string& id, const std::string& status,
                                       const std::string& user) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare("UPDATE panel_volunteers SET status = ?, updated_by = ? WHERE id = ?");
    if (!st) {
        return st.error();
    }
    st->bind(1, status).bind(2, user).bind(3, id);
    if (auto s = st->run(); !s) {
        return s;
    }
    if (m_db.changes() == 0) {
        return common::makeError("not_found", "no such volunteer");
    }
    return {};
}

Status SqliteStore::deleteVolunteer(const std::string& id) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare("DELETE FROM panel_volunteers WHERE id = ?");
    if (!st) {
        return st.error();
    }
    st->bind(1, id);
    if (auto s = st->run(); !s) {
        return s;
    }
    if (m_db.changes() == 0) {
        return common::makeError("not_found", "no such volunteer");
    }
    return {};
}

Result<std::int64_t> SqliteStore::purgeVolunteers(const std::string& day) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare("DELETE FROM panel_volunteers WHERE day < ?");
    if (!st) {
        return st.error();
    }
    st->bind(1, day);
    if (auto s = st->run(); !s) {
        return s.error();
    }
    return static_cast<std::int64_t>(m_db.changes());
}

} // namespace wardvoice::aggregator
