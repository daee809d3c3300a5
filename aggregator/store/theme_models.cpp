// The stored theme models and the themes of comments under them: what the background theme job
// writes, and what ingest extends as comments arrive.
#include "aggregator/store/rows.hpp"
#include "aggregator/store/sqlite_store.hpp"

#include <algorithm>

namespace wardvoice::aggregator {

using common::makeError;
using common::Result;
using common::Status;
using common::db::Statement;
using common::db::Transaction;

namespace {

constexpr const char* kModelColumns =
    "version, status, state, created_at, activated_at, fitted_comments, assigned_through";

ThemeModelRecord modelFromRow(const Statement& row) {
    ThemeModelRecord m;
    m.version = row.columnInt(0);
    m.status = row.columnText(1);
    m.state = row.columnText(2);
    m.createdAt = row.columnInt(3);
    m.activatedAt = row.columnOptionalInt(4);
    m.fittedComments = row.columnInt(5);
    m.assignedThrough = row.columnInt(6);
    return m;
}

CommentRow commentFromRow(const Statement& row) {
    CommentRow c;
    c.seq = row.columnInt(0);
    c.comment = row.columnText(1);
    if (const auto r = row.columnOptionalInt(2)) {
        c.rating = static_cast<int>(*r);
    }
    c.topic = common::topicFromString(row.columnText(3)).value_or(common::Topic::General);
    if (!row.columnIsNull(4) && !row.columnIsNull(5) && !row.columnIsNull(6)) {
        c.findings.analysed = true;
        c.findings.category = static_cast<int>(row.columnInt(4));
        c.findings.sentiment = row.columnDouble(5);
        c.findings.sentimentClass = static_cast<int>(row.columnInt(6));
    }
    c.assigned = row.columnInt(7) != 0;
    return c;
}

} // namespace

SqliteStore::LiveModel* SqliteStore::liveModel(std::int64_t version) {
    for (LiveModel& m : m_liveModels) {
        if (m.version == version) {
            return &m;
        }
    }
    return nullptr;
}

Status SqliteStore::loadLiveModels() {
    auto st = m_db.prepare("SELECT version, assigned_through FROM theme_models "
                           "WHERE status IN ('active', 'building') ORDER BY version");
    if (!st) {
        return st.error();
    }
    std::vector<LiveModel> live;
    if (auto s = st->forEachRow([&](const Statement& row) {
            live.push_back({row.columnInt(0), row.columnInt(1)});
        });
        !s) {
        return s;
    }
    m_liveModels = std::move(live);
    return {};
}

Result<std::vector<ThemeModelRecord>> SqliteStore::liveThemeModels() {
    const ReadLease lease = reader();
    auto st = lease.db().prepare(std::string("SELECT ") + kModelColumns +
                                 " FROM theme_models WHERE status IN ('active', 'building') "
                                 "ORDER BY version");
    if (!st) {
        return st.error();
    }
    std::vector<ThemeModelRecord> out;
    if (auto s = st->forEachRow([&](const Statement& row) { out.push_back(modelFromRow(row)); });
        !s) {
        return s.error();
    }
    return out;
}

Result<std::int64_t> SqliteStore::addThemeModel(const std::string& state,
                                                std::int64_t fittedComments, std::int64_t now) {
    std::lock_guard lock(m_mutex);
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    // A model still being built when a newer one is fitted is never used.
    if (auto s = m_db.exec("UPDATE theme_models SET status = 'retired' WHERE status = 'building'");
        !s) {
        return s.error();
    }
    auto insert =
        m_db.prepare("INSERT INTO theme_models (status, state, created_at, "
                     "fitted_comments, assigned_through) VALUES ('building', ?, ?, ?, 0)");
    if (!insert) {
        return insert.error();
    }
    insert->bind(1, state).bind(2, now).bind(3, fittedComments);
    if (auto s = insert->run(); !s) {
        return s.error();
    }
    const std::int64_t version = m_db.lastInsertRowid();
    if (auto s = tx->commit(); !s) {
        return s.error();
    }
    if (auto s = loadLiveModels(); !s) {
        return s.error();
    }
    return version;
}

Result<CommentBatch> SqliteStore::commentsAfter(std::int64_t afterSeq, std::size_t limit,
                                                std::int64_t model) {
    const ReadLease lease = reader();
    common::db::Database& db = lease.db();
    // one read transaction: the rows and how far they reach agree
    if (auto s = db.run("BEGIN"); !s) {
        return s.error();
    }
    struct End {
        common::db::Database& db;
        ~End() { (void)db.run("COMMIT"); }
    } end{db};
    auto st = db.cached(
        "SELECT s.seq, s.comment, s.rating, s.topic, s.category, s.sentiment, s.sentiment_class, "
        "st.theme IS NOT NULL FROM submissions s LEFT JOIN submission_themes st "
        "ON st.model = ?1 AND st.seq = s.seq WHERE s.seq > ?2 AND s.comment <> '' "
        "ORDER BY s.seq LIMIT ?3");
    if (!st) {
        return st.error();
    }
    (*st)->bind(1, model).bind(2, afterSeq).bind(3, static_cast<std::int64_t>(limit));
    CommentBatch out;
    if (auto s = (*st)->forEachRow(
            [&](const Statement& row) { out.rows.push_back(commentFromRow(row)); });
        !s) {
        return s.error();
    }
    if (out.rows.size() == limit) {
        out.throughSeq = out.rows.back().seq;
        return out;
    }
    auto last = db.cached("SELECT coalesce(max(seq), 0) FROM submissions");
    if (!last) {
        return last.error();
    }
    auto row = (*last)->step();
    if (!row) {
        return row.error();
    }
    out.throughSeq = std::max(afterSeq, (*last)->columnInt(0));
    return out;
}

Result<std::vector<CommentRow>> SqliteStore::recentComments(std::size_t limit) {
    const ReadLease lease = reader();
    auto st = lease.db().prepare(
        "SELECT seq, comment, rating, topic, category, sentiment, sentiment_class, 0 "
        "FROM submissions WHERE comment <> '' ORDER BY seq DESC LIMIT ?");
    if (!st) {
        return st.error();
    }
    st->bind(1, static_cast<std::int64_t>(limit));
    std::vector<CommentRow> out;
    if (auto s = st->forEachRow([&](const Statement& row) { out.push_back(commentFromRow(row)); });
        !s) {
        return s.error();
    }
    std::reverse(out.begin(), out.end());
    return out;
}

Status SqliteStore::recordAssignments(std::int64_t model,
                                      const std::vector<ThemeAssignment>& assignments,
                                      std::int64_t fromSeq, std::int64_t throughSeq) {
    std::lock_guard lock(m_mutex);
    LiveModel* live = liveModel(model);
    if (live == nullptr) {
        return makeError("not_found", "theme model " + std::to_string(model) + " is not live");
    }
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto facts = m_db.cached("SELECT ward, created_unix, topic, respondent, rating, category, "
                             "sentiment, sentiment_class, comment FROM submissions WHERE seq = ?");
    auto analysed = m_db.cached("UPDATE submissions SET category = ?, sentiment = ?, "
                                "sentiment_class = ?, complex = ? WHERE seq = ?");
    if (!facts || !analysed) {
        return !facts ? facts.error() : analysed.error();
    }
    for (const ThemeAssignment& a : assignments) {
        (*facts)->bind(1, a.seq);
        auto row = (*facts)->step();
        if (!row) {
            return row.error();
        }
        if (!row.value()) {
            (*facts)->reset();
            continue; // no such submission (never deleted, so never happens)
        }
        const std::string ward = (*facts)->columnText(0);
        const std::string topic = (*facts)->columnText(2);
        RowFacts rowFacts{ward, (*facts)->columnInt(1), topic,
                          common::respondentFromString((*facts)->columnText(3))
                              .value_or(common::Respondent::Other),
                          std::nullopt};
        if (const auto r = (*facts)->columnOptionalInt(4)) {
            rowFacts.rating = static_cast<int>(*r);
        }
        // What is stored (as ingest found it, or as staff corrected it) is what every model
        // counts; the job's own reading fills a row that has none yet.
        CommentFindings findings = a.findings;
        const bool unanalysed =
            (*facts)->columnIsNull(5) || (*facts)->columnIsNull(6) || (*facts)->columnIsNull(7);
        if (!unanalysed) {
            findings.analysed = true;
            findings.category = static_cast<int>((*facts)->columnInt(5));
            findings.sentiment = (*facts)->columnDouble(6);
            findings.sentimentClass = static_cast<int>((*facts)->columnInt(7));
        }
        const bool complex = isComplexComment((*facts)->columnText(8), a.findings.categoryCount);
        (*facts)->reset();
        if (unanalysed && a.findings.analysed) {
            (*analysed)
                ->bind(1, a.findings.category)
                .bind(2, a.findings.sentiment)
                .bind(3, a.findings.sentimentClass)
                .bind(4, complex)
                .bind(5, a.seq);
            if (auto s = (*analysed)->run(); !s) {
                return s;
            }
        }
        if (auto s = writeTheme(a.seq, rowFacts, findings, model, a.theme); !s) {
            return s;
        }
    }
    std::int64_t reach = live->assignedThrough;
    if (live->assignedThrough >= fromSeq && throughSeq > live->assignedThrough) {
        reach = throughSeq;
        auto advance =
            m_db.cached("UPDATE theme_models SET assigned_through = ? WHERE version = ?");
        if (!advance) {
            return advance.error();
        }
        (*advance)->bind(1, reach).bind(2, model);
        if (auto s = (*advance)->run(); !s) {
            return s;
        }
    }
    if (auto s = tx->commit(); !s) {
        return s;
    }
    live->assignedThrough = reach;
    return {};
}

Result<bool> SqliteStore::activateThemeModel(std::int64_t model, std::int64_t now) {
    std::lock_guard lock(m_mutex);
    LiveModel* live = liveModel(model);
    if (live == nullptr) {
        return makeError("not_found", "theme model " + std::to_string(model) + " is not live");
    }
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    auto last = m_db.cached("SELECT coalesce(max(seq), 0) FROM submissions");
    if (!last) {
        return last.error();
    }
    auto row = (*last)->step();
    if (!row) {
        return row.error();
    }
    const std::int64_t lastSeq = (*last)->columnInt(0);
    (*last)->reset();
    if (live->assignedThrough < lastSeq) {
        return false; // comments arrived that it has no theme for yet
    }
    auto activate = m_db.prepare("UPDATE theme_models SET status = CASE WHEN version = ?1 THEN "
                                 "'active' ELSE 'retired' END, activated_at = CASE WHEN version = "
                                 "?1 THEN ?2 ELSE activated_at END WHERE status = 'active' OR "
                                 "version = ?1");
    if (!activate) {
        return activate.error();
    }
    activate->bind(1, model).bind(2, now);
    if (auto s = activate->run(); !s) {
        return s.error();
    }
    if (auto s = tx->commit(); !s) {
        return s.error();
    }
    if (auto s = loadLiveModels(); !s) {
        return s.error();
    }
    return true;
}

Result<std::int64_t> SqliteStore::purgeRetiredModels(std::size_t limit) {
    std::lock_guard lock(m_mutex);
    auto retired =
        m_db.prepare("SELECT version FROM theme_models WHERE status = 'retired' AND state <> '' "
                     "ORDER BY version LIMIT 1");
    if (!retired) {
        return retired.error();
    }
    auto row = retired->step();
    if (!row) {
        return row.error();
    }
    if (!row.value()) {
        return std::int64_t{0};
    }
    const std::int64_t version = retired->columnInt(0);
    retired->reset();
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    const auto n = static_cast<std::int64_t>(limit);
    auto themes = m_db.prepare("DELETE FROM submission_themes WHERE (model, seq) IN (SELECT "
                               "model, seq FROM submission_themes WHERE model = ? LIMIT ?)");
    auto rollups = m_db.prepare(
        "DELETE FROM theme_rollups WHERE (model, ward, day, topic, theme) IN (SELECT model, "
        "ward, day, topic, theme FROM theme_rollups WHERE model = ? LIMIT ?)");
    if (!themes || !rollups) {
        return !themes ? themes.error() : rollups.error();
    }
    themes->bind(1, version).bind(2, n);
    if (auto s = themes->run(); !s) {
        return s.error();
    }
    std::int64_t removed = m_db.changes();
    rollups->bind(1, version).bind(2, n);
    if (auto s = rollups->run(); !s) {
        return s.error();
    }
    removed += m_db.changes();
    auto months = m_db.prepare(
        "DELETE FROM theme_months WHERE (model, ward, month, topic, theme) IN (SELECT model, "
        "ward, month, topic, theme FROM theme_months WHERE model = ? LIMIT ?)");
    if (!months) {
        return months.error();
    }
    months->bind(1, version).bind(2, n);
    if (auto s = months->run(); !s) {
        return s.error();
    }
    removed += m_db.changes();
    if (removed == 0) {
        // nothing of it is left: keep the record (when it was fitted, on how much), not its state
        auto forget = m_db.prepare("UPDATE theme_models SET state = '' WHERE version = ?");
        if (!forget) {
            return forget.error();
        }
        forget->bind(1, version);
        if (auto s = forget->run(); !s) {
            return s.error();
        }
        removed = 1;
    }
    if (auto s = tx->commit(); !s) {
        return s.error();
    }
    return removed;
}

} // namespace wardvoice::aggregator
