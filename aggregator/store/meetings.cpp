// Panel meetings and their agendas: items with owners, due dates, statuses, the evidence they
// were added on and every change after, carried from meeting to meeting until done or dropped.
#include "aggregator/store/rows.hpp"
#include "aggregator/store/sqlite_store.hpp"
#include "common/timeutil.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace wardvoice::aggregator {

using common::makeError;
using common::Result;
using common::Status;
using common::db::Database;
using common::db::Statement;
using common::db::Transaction;
using nlohmann::json;

bool isAgendaStatus(std::string_view status) {
    return std::any_of(std::begin(kAgendaStatuses), std::end(kAgendaStatuses),
                       [&](const char* s) { return status == s; });
}

bool isOpenStatus(std::string_view status) {
    return status != "done" && status != "dropped";
}

namespace {

template <typename T> std::vector<T> arrayOf(const std::string& text) {
    std::vector<T> out;
    const auto j = json::parse(text, nullptr, false);
    if (j.is_array()) {
        for (const auto& v : j) {
            if constexpr (std::is_same_v<T, std::string>) {
                if (v.is_string()) {
                    out.push_back(v.get<std::string>());
                }
            } else {
                if (v.is_number_integer()) {
                    out.push_back(v.get<T>());
                }
            }
        }
    }
    return out;
}

constexpr const char* kMeetingColumns =
    "m.id, m.held_on, m.title, m.attendees, m.created_by, m.created_at, m.updated_at";

Meeting meetingFromRow(const Statement& row) {
    Meeting m;
    m.id = row.columnInt(0);
    m.heldOn = row.columnText(1);
    m.title = row.columnText(2);
    m.attendees = arrayOf<std::string>(row.columnText(3));
    m.createdBy = row.columnText(4);
    m.createdAt = row.columnInt(5);
    m.updatedAt = row.columnInt(6);
    return m;
}

/// Puts an item on a meeting's agenda, last, unless it is there already.
Status link(Database& db, std::int64_t meetingId, std::int64_t itemId, bool carried) {
    auto st = db.cached("INSERT OR IGNORE INTO meeting_items (meeting_id, item_id, position, "
                        "carried) VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM "
                        "meeting_items WHERE meeting_id = ?1), ?3)");
    if (!st) {
        return st.error();
    }
    (*st)->bind(1, meetingId).bind(2, itemId).bind(3, carried);
    return (*st)->run();
}

/// An open item is on the agenda of every meeting after the one it was added to.
Status linkLater(Database& db, const Meeting& from, std::int64_t itemId) {
    auto later = db.prepare("SELECT id FROM meetings WHERE held_on > ?1 OR (held_on = ?1 AND "
                            "id > ?2) ORDER BY held_on, id");
    if (!later) {
        return later.error();
    }
    later->bind(1, from.heldOn).bind(2, from.id);
    std::vector<std::int64_t> ids;
    if (auto s = later->forEachRow([&](const Statement& row) { ids.push_back(row.columnInt(0)); });
        !s) {
        return s;
    }
    for (const std::int64_t id : ids) {
        if (auto s = link(db, id, itemId, true); !s) {
            return s;
        }
    }
    return {};
}

Status addEvent(Database& db, std::int64_t itemId, const AgendaAction& a) {
    auto st = db.cached("INSERT INTO agenda_actions (item_id, at, user_name, status, note, role, "
                        "changes) VALUES (?,?,?,?,?,?,?)");
    if (!st) {
        return st.error();
    }
    (*st)
        ->bind(1, itemId)
        .bind(2, a.at)
        .bind(3, a.userName)
        .bind(4, a.status)
        .bind(5, a.note)
        .bind(6, a.role)
        .bind(7, a.changes);
    return (*st)->run();
}

Status addEvidence(Database& db, std::int64_t itemId, const AgendaItem& item) {
    auto st = db.cached(
        "INSERT INTO agenda_evidence (item_id, at, since, until, evidence) VALUES (?,?,?,?,?)");
    if (!st) {
        return st.error();
    }
    (*st)
        ->bind(1, itemId)
        .bind(2, item.createdAt)
        .bind(3, item.since)
        .bind(4, item.until)
        .bind(5, item.evidence);
    return (*st)->run();
}

Result<std::optional<Meeting>> meetingById(Database& db, std::int64_t id) {
    auto st =
        db.prepare(std::string("SELECT ") + kMeetingColumns + " FROM meetings m WHERE id = ?");
    if (!st) {
        return st.error();
    }
    st->bind(1, id);
    auto row = st->step();
    if (!row) {
        return row.error();
    }
    if (!row.value()) {
        return std::optional<Meeting>();
    }
    return std::optional<Meeting>(meetingFromRow(*st));
}

} // namespace

Result<std::vector<AgendaItem>> SqliteStore::readItems(Database& db, const std::string& where,
                                                       const std::vector<std::string>& args,
                                                       std::int64_t meeting) {
    auto st = db.prepare(
        "SELECT i.id, i.title, i.status, i.since, i.until, i.evidence, i.created_by, "
        "i.created_at, i.updated_at, i.kind, i.themes, i.wards, i.description, i.owner, i.due_on, "
        "i.action, i.closed_at, coalesce(mi.position, 0), coalesce(mi.carried, 0) "
        "FROM agenda_items i LEFT JOIN meeting_items mi ON mi.item_id = i.id AND "
        "mi.meeting_id = ?1 WHERE " +
        where + (meeting > 0 ? " ORDER BY mi.position, i.id" : " ORDER BY i.id"));
    if (!st) {
        return st.error();
    }
    st->bind(1, meeting);
    for (std::size_t k = 0; k < args.size(); ++k) {
        st->bind(static_cast<int>(k + 2), args[k]);
    }
    std::vector<AgendaItem> out;
    if (auto s = st->forEachRow([&](const Statement& row) {
            AgendaItem item;
            item.id = row.columnInt(0);
            item.title = row.columnText(1);
            item.status = row.columnText(2);
            item.since = row.columnText(3);
            item.until = row.columnText(4);
            item.evidence = row.columnText(5);
            item.createdBy = row.columnText(6);
            item.createdAt = row.columnInt(7);
            item.updatedAt = row.columnInt(8);
            item.kind = row.columnText(9);
            item.themes = arrayOf<std::int64_t>(row.columnText(10));
            item.wards = arrayOf<std::string>(row.columnText(11));
            item.description = row.columnText(12);
            item.owner = row.columnText(13);
            item.dueOn = row.columnText(14);
            item.action = row.columnText(15);
            item.closedAt = row.columnOptionalInt(16);
            item.position = row.columnInt(17);
            item.carried = row.columnInt(18) != 0;
            out.push_back(std::move(item));
        });
        !s) {
        return s.error();
    }
    auto actions = db.cached("SELECT at, user_name, status, note, role, changes FROM "
                             "agenda_actions WHERE item_id = ? ORDER BY seq");
    auto evidence = db.cached(
        "SELECT at, since, until, evidence FROM agenda_evidence WHERE item_id = ? ORDER BY id");
    if (!actions || !evidence) {
        return !actions ? actions.error() : evidence.error();
    }
    for (auto& item : out) {
        (*actions)->reset();
        (*actions)->bind(1, item.id);
        if (auto s = (*actions)->forEachRow([&](const Statement& row) {
                item.actions.push_back({row.columnInt(0), row.columnText(1), row.columnText(2),
                                        row.columnText(3), row.columnText(4), row.columnText(5)});
            });
            !s) {
            return s.error();
        }
        (*evidence)->reset();
        (*evidence)->bind(1, item.id);
        if (auto s = (*evidence)->forEachRow([&](const Statement& row) {
                item.evidenceHistory.push_back(
                    {row.columnInt(0), row.columnText(1), row.columnText(2), row.columnText(3)});
            });
            !s) {
            return s.error();
        }
    }
    return out;
}

Result<Meeting> SqliteStore::addMeeting(const Meeting& meeting) {
    std::lock_guard lock(m_mutex);
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto insert = m_db.prepare("INSERT INTO meetings (held_on, title, attendees, created_by, "
                               "created_at, updated_at) VALUES (?,?,?,?,?,?)");
    if (!insert) {
        return insert.error();
    }
    insert->bind(1, meeting.heldOn)
        .bind(2, meeting.title)
        .bind(3, json(meeting.attendees).dump())
        .bind(4, meeting.createdBy)
        .bind(5, meeting.createdAt)
        .bind(6, meeting.createdAt);
    if (auto s = insert->run(); !s) {
        return s.error();
    }
    Meeting out = meeting;
    out.id = m_db.lastInsertRowid();
    out.updatedAt = meeting.createdAt;
    // what earlier meetings left unfinished comes first, in the order it was added
    auto carry = m_db.prepare(
        "INSERT INTO meeting_items (meeting_id, item_id, position, carried) "
        "SELECT ?1, i.id, row_number() OVER (ORDER BY i.id), 1 FROM agenda_items i "
        "WHERE i.status NOT IN ('done', 'dropped') AND EXISTS (SELECT 1 FROM meeting_items mi "
        "JOIN meetings m ON m.id = mi.meeting_id WHERE mi.item_id = i.id AND "
        "(m.held_on < ?2 OR (m.held_on = ?2 AND m.id < ?1)))");
    if (!carry) {
        return carry.error();
    }
    carry->bind(1, out.id).bind(2, out.heldOn);
    if (auto s = carry->run(); !s) {
        return s.error();
    }
    if (auto s = tx->commit(); !s) {
        return s.error();
    }
    return out;
}

Status SqliteStore::updateMeeting(const Meeting& meeting) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare("UPDATE meetings SET held_on = ?, title = ?, attendees = ?, "
                           "updated_at = ? WHERE id = ?");
    if (!st) {
        return st.error();
    }
    st->bind(1, meeting.heldOn)
        .bind(2, meeting.title)
        .bind(3, json(meeting.attendees).dump())
        .bind(4, meeting.updatedAt)
        .bind(5, meeting.id);
    if (auto s = st->run(); !s) {
        return s;
    }
    if (m_db.changes() == 0) {
        return makeError("not_found", "no meeting " + std::to_string(meeting.id));
    }
    return {};
}

Result<std::vector<Meeting>> SqliteStore::listMeetings() {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare(std::string("SELECT ") + kMeetingColumns +
                           ", count(i.id), coalesce(sum(i.status NOT IN ('done', 'dropped')), 0) "
                           "FROM meetings m LEFT JOIN meeting_items mi ON mi.meeting_id = m.id "
                           "LEFT JOIN agenda_items i ON i.id = mi.item_id GROUP BY m.id "
                           "ORDER BY m.held_on DESC, m.id DESC");
    if (!st) {
        return st.error();
    }
    std::vector<Meeting> out;
    if (auto s = st->forEachRow([&](const Statement& row) {
            Meeting m = meetingFromRow(row);
            m.items = row.columnInt(7);
            m.open = row.columnInt(8);
            out.push_back(std::move(m));
        });
        !s) {
        return s.error();
    }
    return out;
}

Result<std::optional<Meeting>> SqliteStore::findMeeting(std::int64_t id) {
    std::lock_guard lock(m_mutex);
    return meetingById(m_db, id);
}

Result<std::vector<AgendaItem>> SqliteStore::meetingItems(std::int64_t meetingId) {
    std::lock_guard lock(m_mutex);
    return readItems(m_db, "mi.meeting_id IS NOT NULL", {}, meetingId);
}

Result<AddedItem> SqliteStore::insertMeetingItem(std::int64_t meetingId, const AgendaItem& item,
                                                 const std::string& role) {
    auto meeting = meetingById(m_db, meetingId);
    if (!meeting) {
        return meeting.error();
    }
    if (!meeting.value()) {
        return makeError("not_found", "no meeting " + std::to_string(meetingId));
    }
    const Meeting& m = *meeting.value();
    if (item.kind == "theme" && !item.themes.empty()) {
        // a theme already open on the agenda: the new evidence joins that item
        auto open = m_db.prepare("SELECT id, themes, wards FROM agenda_items WHERE kind = "
                                 "'theme' AND status NOT IN ('done', 'dropped') ORDER BY id");
        if (!open) {
            return open.error();
        }
        std::optional<std::int64_t> found;
        std::vector<std::string> wards;
        if (auto s = open->forEachRow([&](const Statement& row) {
                if (found) {
                    return;
                }
                for (const std::int64_t t : arrayOf<std::int64_t>(row.columnText(1))) {
                    if (std::find(item.themes.begin(), item.themes.end(), t) != item.themes.end()) {
                        found = row.columnInt(0);
                        wards = arrayOf<std::string>(row.columnText(2));
                        return;
                    }
                }
            });
            !s) {
            return s.error();
        }
        if (found) {
            for (const auto& w : item.wards) {
                if (std::find(wards.begin(), wards.end(), w) == wards.end()) {
                    wards.push_back(w);
                }
            }
            std::sort(wards.begin(), wards.end());
            auto update = m_db.prepare("UPDATE agenda_items SET evidence = ?, wards = ?, "
                                       "updated_at = ? WHERE id = ?");
            if (!update) {
                return update.error();
            }
            update->bind(1, item.evidence)
                .bind(2, json(wards).dump())
                .bind(3, item.createdAt)
                .bind(4, *found);
            if (auto s = update->run(); !s) {
                return s.error();
            }
            if (auto s = addEvidence(m_db, *found, item); !s) {
                return s.error();
            }
            auto status = m_db.prepare("SELECT status FROM agenda_items WHERE id = ?");
            if (!status) {
                return status.error();
            }
            status->bind(1, *found);
            if (auto row = status->step(); !row) {
                return row.error();
            }
            AgendaAction event{item.createdAt,
                               item.createdBy,
                               status->columnText(0),
                               "new evidence for " + item.since + " to " + item.until,
                               role,
                               json{{"evidence", {item.since, item.until}}}.dump()};
            if (auto s = addEvent(m_db, *found, event); !s) {
                return s.error();
            }
            if (auto s = link(m_db, meetingId, *found, false); !s) {
                return s.error();
            }
            if (auto s = linkLater(m_db, m, *found); !s) {
                return s.error();
            }
            return AddedItem{*found, true};
        }
    }
    auto insert = m_db.prepare(
        "INSERT INTO agenda_items (title, status, since, until, evidence, created_by, created_at, "
        "updated_at, kind, themes, wards, description, owner, due_on, action) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!insert) {
        return insert.error();
    }
    insert->bind(1, item.title)
        .bind(2, item.status)
        .bind(3, item.since)
        .bind(4, item.until)
        .bind(5, item.evidence)
        .bind(6, item.createdBy)
        .bind(7, item.createdAt)
        .bind(8, item.createdAt)
        .bind(9, item.kind)
        .bind(10, json(item.themes).dump())
        .bind(11, json(item.wards).dump())
        .bind(12, item.description)
        .bind(13, item.owner)
        .bind(14, item.dueOn)
        .bind(15, item.action);
    if (auto s = insert->run(); !s) {
        return s.error();
    }
    const std::int64_t id = m_db.lastInsertRowid();
    if (item.kind == "theme") {
        if (auto s = addEvidence(m_db, id, item); !s) {
            return s.error();
        }
    }
    AgendaAction event{
        item.createdAt, item.createdBy,
        item.status,    item.kind == "theme" ? "added from the themes" : "added by the chair",
        role,           json{{"added", item.kind}}.dump()};
    if (auto s = addEvent(m_db, id, event); !s) {
        return s.error();
    }
    if (auto s = link(m_db, meetingId, id, false); !s) {
        return s.error();
    }
    if (isOpenStatus(item.status)) {
        if (auto s = linkLater(m_db, m, id); !s) {
            return s.error();
        }
    }
    return AddedItem{id, false};
}

Result<AddedItem> SqliteStore::addMeetingItem(std::int64_t meetingId, const AgendaItem& item,
                                              const std::string& role) {
    std::lock_guard lock(m_mutex);
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto added = insertMeetingItem(meetingId, item, role);
    if (!added) {
        return added.error();
    }
    if (auto s = tx->commit(); !s) {
        return s.error();
    }
    return added;
}

Result<std::int64_t> SqliteStore::addAgendaItem(const AgendaItem& item) {
    std::lock_guard lock(m_mutex);
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    const std::string day = common::formatRfc3339(item.createdAt).substr(0, 10);
    auto next =
        m_db.prepare("SELECT id FROM meetings WHERE held_on >= ? ORDER BY held_on, id LIMIT 1");
    if (!next) {
        return next.error();
    }
    next->bind(1, day);
    auto row = next->step();
    if (!row) {
        return row.error();
    }
    std::int64_t meetingId = row.value() ? next->columnInt(0) : 0;
    next->reset();
    if (meetingId == 0) {
        auto insert = m_db.prepare("INSERT INTO meetings (held_on, title, attendees, created_by, "
                                   "created_at, updated_at) VALUES (?, ?, '[]', ?, ?, ?)");
        if (!insert) {
            return insert.error();
        }
        insert->bind(1, day)
            .bind(2, "Panel meeting")
            .bind(3, item.createdBy)
            .bind(4, item.createdAt)
            .bind(5, item.createdAt);
        if (auto s = insert->run(); !s) {
            return s.error();
        }
        meetingId = m_db.lastInsertRowid();
    }
    // an item made the old way names its theme and wards in its evidence only
    AgendaItem full = item;
    const auto evidence = json::parse(item.evidence, nullptr, false);
    if (full.themes.empty() && evidence.is_object() && evidence.contains("id") &&
        evidence["id"].is_number_integer()) {
        full.themes.push_back(evidence["id"].get<std::int64_t>());
    }
    if (full.wards.empty() && evidence.is_object() && evidence.contains("wards")) {
        full.wards = arrayOf<std::string>(evidence["wards"].dump());
    }
    auto added = insertMeetingItem(meetingId, full, "");
    if (!added) {
        return added.error();
    }
    if (auto s = tx->commit(); !s) {
        return s.error();
    }
    return added->id;
}

Result<std::vector<AgendaItem>> SqliteStore::listAgendaItems(const std::string& since,
                                                             const std::string& until) {
    std::lock_guard lock(m_mutex);
    return readItems(m_db, "(?2 = '' OR i.until > ?2) AND (?3 = '' OR i.since < ?3)",
                     {since, until}, 0);
}

Result<std::optional<AgendaItem>> SqliteStore::findAgendaItem(std::int64_t id) {
    std::lock_guard lock(m_mutex);
    auto found = readItems(m_db, "i.id = CAST(?2 AS INTEGER)", {std::to_string(id)}, 0);
    if (!found) {
        return found.error();
    }
    if (found->empty()) {
        return std::optional<AgendaItem>();
    }
    return std::optional<AgendaItem>(std::move(found->front()));
}

Result<AgendaItem> SqliteStore::changeAgendaItem(std::int64_t id, const AgendaChange& change) {
    std::lock_guard lock(m_mutex);
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto current = readItems(m_db, "i.id = CAST(?2 AS INTEGER)", {std::to_string(id)}, 0);
    if (!current) {
        return current.error();
    }
    if (current->empty()) {
        return makeError("not_found", "no agenda item " + std::to_string(id));
    }
    AgendaItem item = std::move(current->front());
    json changes = json::object();
    auto set = [&](const char* name, const std::optional<std::string>& to, std::string& field) {
        if (to && *to != field) {
            changes[name] = {field, *to};
            field = *to;
        }
    };
    set("title", change.title, item.title);
    set("status", change.status, item.status);
    set("owner", change.owner, item.owner);
    set("due_on", change.dueOn, item.dueOn);
    set("action", change.action, item.action);
    if (changes.contains("status")) {
        item.closedAt =
            isOpenStatus(item.status) ? std::nullopt : std::optional<std::int64_t>(change.at);
    }
    auto update =
        m_db.prepare("UPDATE agenda_items SET title = ?, status = ?, owner = ?, "
                     "due_on = ?, action = ?, closed_at = ?, updated_at = ? WHERE id = ?");
    if (!update) {
        return update.error();
    }
    update->bind(1, item.title)
        .bind(2, item.status)
        .bind(3, item.owner)
        .bind(4, item.dueOn)
        .bind(5, item.action)
        .bind(6, item.closedAt)
        .bind(7, change.at)
        .bind(8, id);
    if (auto s = update->run(); !s) {
        return s.error();
    }
    item.updatedAt = change.at;
    AgendaAction event{change.at,   change.userName, item.status,
                       change.note, change.role,     changes.dump()};
    if (auto s = addEvent(m_db, id, event); !s) {
        return s.error();
    }
    item.actions.push_back(std::move(event));
    if (auto s = tx->commit(); !s) {
        return s.error();
    }
    return item;
}

Status SqliteStore::recordAgendaAction(std::int64_t id, const AgendaAction& action) {
    AgendaChange change;
    change.status = action.status;
    change.note = action.note;
    change.userName = action.userName;
    change.role = action.role;
    change.at = action.at;
    if (action.status == "action_agreed" && !action.note.empty()) {
        change.action = action.note; // the note of an agreement is the action agreed
    }
    auto changed = changeAgendaItem(id, change);
    if (!changed) {
        return changed.error();
    }
    return {};
}

Status SqliteStore::orderMeeting(std::int64_t meetingId, const std::vector<std::int64_t>& ids) {
    std::lock_guard lock(m_mutex);
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto have = m_db.prepare("SELECT item_id FROM meeting_items WHERE meeting_id = ?");
    if (!have) {
        return have.error();
    }
    have->bind(1, meetingId);
    std::set<std::int64_t> items;
    if (auto s = have->forEachRow([&](const Statement& row) { items.insert(row.columnInt(0)); });
        !s) {
        return s;
    }
    const std::set<std::int64_t> given(ids.begin(), ids.end());
    if (given != items || given.size() != ids.size()) {
        return makeError("bad_order", "items must list each of the meeting's items once");
    }
    auto place =
        m_db.prepare("UPDATE meeting_items SET position = ? WHERE meeting_id = ? AND item_id = ?");
    if (!place) {
        return place.error();
    }
    for (std::size_t k = 0; k < ids.size(); ++k) {
        place->reset();
        place->bind(1, static_cast<std::int64_t>(k + 1)).bind(2, meetingId).bind(3, ids[k]);
        if (auto s = place->run(); !s) {
            return s;
        }
    }
    return tx->commit();
}

Result<std::vector<std::int64_t>> SqliteStore::meetingsOfItem(std::int64_t id) {
    std::lock_guard lock(m_mutex);
    auto st = m_db.prepare("SELECT mi.meeting_id FROM meeting_items mi JOIN meetings m ON "
                           "m.id = mi.meeting_id WHERE mi.item_id = ? ORDER BY m.held_on, m.id");
    if (!st) {
        return st.error();
    }
    st->bind(1, id);
    std::vector<std::int64_t> out;
    if (auto s = st->forEachRow([&](const Statement& row) { out.push_back(row.columnInt(0)); });
        !s) {
        return s.error();
    }
    return out;
}

Status SqliteStore::setPanelVote(std::int64_t itemId, const std::string& user, bool support,
                                 std::int64_t now) {
    std::lock_guard lock(m_mutex);
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto status = m_db.prepare("SELECT status FROM agenda_items WHERE id = ?");
    if (!status) {
        return status.error();
    }
    status->bind(1, itemId);
    auto row = status->step();
    if (!row) {
        return row.error();
    }
    if (!row.value()) {
        return common::makeError("not_found", "no such agenda item");
    }
    const std::string itemStatus = status->columnText(0);
    status->reset();
    auto st = m_db.prepare(support ? "INSERT INTO agenda_panel_votes (item_id, user_name, at) "
                                     "VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
                                   : "DELETE FROM agenda_panel_votes WHERE item_id = ? AND "
                                     "user_name = ?");
    if (!st) {
        return st.error();
    }
    st->bind(1, itemId).bind(2, user);
    if (support) {
        st->bind(3, now);
    }
    if (auto s = st->run(); !s) {
        return s;
    }
    if (m_db.changes() == 0) {
        return tx->commit(); // as it was: nothing for the history
    }
    AgendaAction a;
    a.at = now;
    a.userName = user;
    a.status = itemStatus;
    a.role = std::string(toString(Role::PanelMember));
    a.changes =
        support ? R"({"panel_vote":["","supports it"]})" : R"({"panel_vote":["supports it",""]})";
    if (auto s = addEvent(m_db, itemId, a); !s) {
        return s;
    }
    return tx->commit();
}

Result<std::map<std::int64_t, std::vector<std::string>>> SqliteStore::panelVotes() {
    auto lease = reader();
    auto st = lease.db().prepare(
        "SELECT item_id, user_name FROM agenda_panel_votes ORDER BY item_id, at, user_name");
    if (!st) {
        return st.error();
    }
    std::map<std::int64_t, std::vector<std::string>> out;
    if (auto s = st->forEachRow(
            [&](const Statement& row) { out[row.columnInt(0)].push_back(row.columnText(1)); });
        !s) {
        return s.error();
    }
    return out;
}

} // namespace wardvoice::aggregator
