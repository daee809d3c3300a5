// Staff corrections of the themes engine: kept, audited, applied to every live model's rows in
// the transaction that records them, and kept in memory (the overlay) so that every theme
// written later (ingest, the background job, a refit's model) follows them.
#include "aggregator/store/rows.hpp"
#include "aggregator/store/sqlite_store.hpp"

#include <set>

namespace wardvoice::aggregator {

using common::makeError;
using common::Result;
using common::Status;
using common::db::Statement;
using common::db::Transaction;

std::size_t wordCount(std::string_view text) {
    std::size_t words = 0;
    bool inWord = false;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        words += !space && !inWord ? 1 : 0;
        inWord = !space;
    }
    return words;
}

bool isComplexComment(std::string_view text, int categoryCount) {
    return categoryCount >= kComplexCategories || wordCount(text) > kComplexWords;
}

std::string_view toString(CorrectionKind kind) {
    switch (kind) {
    case CorrectionKind::Rename:
        return "rename";
    case CorrectionKind::Merge:
        return "merge";
    case CorrectionKind::Move:
        return "move";
    case CorrectionKind::Category:
        return "category";
    case CorrectionKind::Sentiment:
        return "sentiment";
    }
    return "rename";
}

std::optional<CorrectionKind> correctionKindFromString(std::string_view s) {
    for (const CorrectionKind k :
         {CorrectionKind::Rename, CorrectionKind::Merge, CorrectionKind::Move,
          CorrectionKind::Category, CorrectionKind::Sentiment}) {
        if (toString(k) == s) {
            return k;
        }
    }
    return std::nullopt;
}

std::string_view sideName(int sentimentClass) {
    switch (sentimentClass) {
    case 0:
        return "positive";
    case 2:
        return "negative";
    default:
        return "neutral";
    }
}

std::optional<int> sideFromName(std::string_view name) {
    for (int side = 0; side < 3; ++side) {
        if (sideName(side) == name) {
            return side;
        }
    }
    return std::nullopt;
}

int ThemeOverlay::resolve(int theme) const {
    // merges never form a cycle (refused when made); the bound guards a hand-edited database
    for (std::size_t hops = 0; hops <= mergedInto.size(); ++hops) {
        const auto it = mergedInto.find(theme);
        if (it == mergedInto.end()) {
            break;
        }
        theme = it->second;
    }
    return theme;
}

int ThemeOverlay::place(std::int64_t seq, int theme) const {
    const auto it = moved.find(seq);
    return resolve(it != moved.end() ? it->second : theme);
}

namespace {

/// The score a corrected side stands for in the rollups' sentiment sums.
double sideScore(int side) {
    return side == 0 ? 0.75 : side == 2 ? -0.75 : 0.0;
}

void addToOverlay(ThemeOverlay& o, const ThemeCorrection& c) {
    switch (c.kind) {
    case CorrectionKind::Rename:
        o.labels[c.theme] = c.value;
        o.known[c.theme] = {c.value, c.targetCategory};
        break;
    case CorrectionKind::Merge:
        o.mergedInto[c.theme] = c.target;
        o.known[c.target] = {c.targetLabel, c.targetCategory};
        break;
    case CorrectionKind::Move:
        o.moved[c.seq] = c.target;
        if (c.target > 0) {
            o.known[c.target] = {c.targetLabel, c.targetCategory};
        }
        break;
    case CorrectionKind::Category:
    case CorrectionKind::Sentiment:
        break;
    }
    o.generation = static_cast<std::uint64_t>(std::max<std::int64_t>(c.id, 0));
}

/// Every correction with its comment's id and ward, oldest first: correctionFromRow's columns.
constexpr const char* kSelectCorrections =
    "SELECT c.id, c.at, c.user_name, c.kind, c.theme, c.target, c.seq, c.value, c.before, "
    "c.target_label, c.target_category, c.note, coalesce(s.id, ''), coalesce(s.ward, '') "
    "FROM theme_corrections c LEFT JOIN submissions s ON s.seq = c.seq ORDER BY c.id";

ThemeCorrection correctionFromRow(const Statement& row) {
    ThemeCorrection c;
    c.id = row.columnInt(0);
    c.at = row.columnInt(1);
    c.userName = row.columnText(2);
    c.kind = correctionKindFromString(row.columnText(3)).value_or(CorrectionKind::Rename);
    c.theme = static_cast<int>(row.columnInt(4));
    c.target = static_cast<int>(row.columnInt(5));
    c.seq = row.columnInt(6);
    c.value = row.columnText(7);
    c.before = row.columnText(8);
    c.targetLabel = row.columnText(9);
    c.targetCategory = row.columnText(10);
    c.note = row.columnText(11);
    c.submissionId = row.columnText(12);
    c.ward = row.columnText(13);
    return c;
}

} // namespace

Status SqliteStore::loadOverlay() {
    auto st = m_db.prepare(kSelectCorrections);
    if (!st) {
        return st.error();
    }
    auto next = std::make_shared<ThemeOverlay>();
    if (auto s = st->forEachRow(
            [&](const Statement& row) { addToOverlay(*next, correctionFromRow(row)); });
        !s) {
        return s;
    }
    std::lock_guard lock(m_overlayMutex);
    m_overlay = std::move(next);
    return {};
}

std::shared_ptr<const ThemeOverlay> SqliteStore::themeOverlay() {
    std::lock_guard lock(m_overlayMutex);
    return m_overlay;
}

Status SqliteStore::applyCorrection(const ThemeCorrection& c, const ThemeOverlay& next) {
    if (c.kind == CorrectionKind::Rename) {
        return {}; // a label only: the views read it from the overlay
    }
    if (c.kind == CorrectionKind::Merge) {
        const int into = next.resolve(c.theme);
        for (const LiveModel& live : m_liveModels) {
            for (const auto& [table, key, sums] :
                 {std::tuple{"theme_rollups", "day", rows::kDaySums},
                  std::tuple{"theme_months", "month", rows::kMonthSums}}) {
                const std::string columns =
                    std::string(table) == "theme_rollups"
                        ? "comments, rated, rating_sum, positive, neutral, negative, "
                          "sentiment_sum, patients, visitors, carers, others"
                        : "comments, rated, rating_sum, negative, sentiment_sum, first_day, "
                          "positive, neutral";
                auto add =
                    m_db.prepare(std::string("INSERT INTO ") + table + " (model, ward, " + key +
                                 ", topic, theme, " + columns + ") SELECT model, " + "ward, " +
                                 key + ", topic, ?3, " + columns + " FROM " + table +
                                 " WHERE model = ?1 AND theme = ?2 ON CONFLICT " +
                                 "(model, ward, " + key + ", topic, theme) DO UPDATE SET " + sums);
                auto drop = m_db.prepare(std::string("DELETE FROM ") + table +
                                         " WHERE model = ?1 AND theme = ?2");
                if (!add || !drop) {
                    return !add ? add.error() : drop.error();
                }
                add->bind(1, live.version).bind(2, c.theme).bind(3, into);
                drop->bind(1, live.version).bind(2, c.theme);
                if (auto s = add->run(); !s) {
                    return s;
                }
                if (auto s = drop->run(); !s) {
                    return s;
                }
            }
            auto rows = m_db.prepare(
                "UPDATE submission_themes SET theme = ?3 WHERE model = ?1 AND theme = ?2");
            if (!rows) {
                return rows.error();
            }
            rows->bind(1, live.version).bind(2, c.theme).bind(3, into);
            if (auto s = rows->run(); !s) {
                return s;
            }
        }
        return {};
    }
    // one comment: its facts and what is stored of it
    auto facts = m_db.prepare("SELECT ward, created_unix, topic, respondent, rating, category, "
                              "sentiment, sentiment_class FROM submissions WHERE seq = ?");
    if (!facts) {
        return facts.error();
    }
    facts->bind(1, c.seq);
    auto found = facts->step();
    if (!found) {
        return found.error();
    }
    if (!found.value()) {
        return makeError("not_found", "no such submission");
    }
    const std::string ward = facts->columnText(0);
    const std::string topic = facts->columnText(2);
    RowFacts row{
        ward, facts->columnInt(1), topic,
        common::respondentFromString(facts->columnText(3)).value_or(common::Respondent::Other),
        std::nullopt};
    if (const auto r = facts->columnOptionalInt(4)) {
        row.rating = static_cast<int>(*r);
    }
    CommentFindings findings;
    findings.analysed = !facts->columnIsNull(7);
    findings.category = static_cast<int>(facts->columnOptionalInt(5).value_or(-1));
    findings.sentiment = facts->columnIsNull(6) ? 0.0 : facts->columnDouble(6);
    findings.sentimentClass = static_cast<int>(facts->columnOptionalInt(7).value_or(1));
    facts->reset();

    if (c.kind == CorrectionKind::Category) {
        auto set = m_db.prepare("UPDATE submissions SET category = ? WHERE seq = ?");
        if (!set) {
            return set.error();
        }
        set->bind(1, c.target).bind(2, c.seq);
        return set->run();
    }
    CommentFindings after = findings;
    if (c.kind == CorrectionKind::Sentiment) {
        after.analysed = true;
        after.sentimentClass = c.target;
        after.sentiment = sideScore(c.target);
        auto set =
            m_db.prepare("UPDATE submissions SET sentiment = ?, sentiment_class = ? WHERE seq = ?");
        if (!set) {
            return set.error();
        }
        set->bind(1, after.sentiment).bind(2, after.sentimentClass).bind(3, c.seq);
        if (auto s = set->run(); !s) {
            return s;
        }
    }
    for (const LiveModel& live : m_liveModels) {
        auto current =
            m_db.cached("SELECT theme FROM submission_themes WHERE model = ? AND seq = ?");
        if (!current) {
            return current.error();
        }
        (*current)->bind(1, live.version).bind(2, c.seq);
        auto has = (*current)->step();
        if (!has) {
            return has.error();
        }
        if (!has.value()) {
            (*current)->reset();
            continue; // written later, through the overlay
        }
        const int before = static_cast<int>((*current)->columnInt(0));
        (*current)->reset();
        const int theme = c.kind == CorrectionKind::Move ? next.place(c.seq, before) : before;
        if (theme == before && c.kind == CorrectionKind::Move) {
            continue;
        }
        if (auto s = countInRollups(row, findings, live.version, before, -1); !s) {
            return s;
        }
        if (theme != before) {
            auto set =
                m_db.cached("UPDATE submission_themes SET theme = ? WHERE model = ? AND seq = ?");
            if (!set) {
                return set.error();
            }
            (*set)->bind(1, theme).bind(2, live.version).bind(3, c.seq);
            if (auto s = (*set)->run(); !s) {
                return s;
            }
        }
        if (auto s = countInRollups(row, after, live.version, theme, 1); !s) {
            return s;
        }
    }
    return {};
}

Result<ThemeCorrection> SqliteStore::addThemeCorrection(const ThemeCorrection& request) {
    std::lock_guard lock(m_mutex);
    ThemeCorrection c = request;
    auto tx = Transaction::begin(m_db);
    if (!tx) {
        return tx.error();
    }
    if (c.seq != 0) {
        auto comment =
            m_db.prepare("SELECT id, ward, comment <> '' FROM submissions WHERE seq = ?");
        if (!comment) {
            return comment.error();
        }
        comment->bind(1, c.seq);
        auto row = comment->step();
        if (!row) {
            return row.error();
        }
        if (!row.value()) {
            return makeError("not_found", "no such submission");
        }
        if (comment->columnInt(2) == 0) {
            return makeError("no_comment", "the submission has no comment to correct");
        }
        c.submissionId = comment->columnText(0);
        c.ward = comment->columnText(1);
    }
    auto insert = m_db.prepare(
        "INSERT INTO theme_corrections (at, user_name, kind, theme, target, seq, value, before, "
        "target_label, target_category, note) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    if (!insert) {
        return insert.error();
    }
    insert->bind(1, c.at)
        .bind(2, c.userName)
        .bind(3, toString(c.kind))
        .bind(4, c.theme)
        .bind(5, c.target)
        .bind(6, c.seq)
        .bind(7, c.value)
        .bind(8, c.before)
        .bind(9, c.targetLabel)
        .bind(10, c.targetCategory)
        .bind(11, c.note);
    if (auto s = insert->run(); !s) {
        return s.error();
    }
    c.id = m_db.lastInsertRowid();
    ThemeOverlay next = *themeOverlay();
    addToOverlay(next, c);
    if (auto s = applyCorrection(c, next); !s) {
        return s.error();
    }
    std::string detail = "kind=" + std::string(toString(c.kind));
    if (c.seq != 0) {
        detail += " submission=" + c.submissionId + " ward=" + c.ward;
    }
    if (c.theme != 0) {
        detail += " theme=" + std::to_string(c.theme);
    }
    if (c.kind == CorrectionKind::Merge || c.kind == CorrectionKind::Move) {
        detail += " to=" + std::to_string(c.target);
    }
    if (!c.value.empty()) {
        detail += " value=\"" + c.value + "\"";
    }
    auto audit = m_db.prepare("INSERT INTO audit (at, user_name, action, detail) VALUES (?,?,?,?)");
    if (!audit) {
        return audit.error();
    }
    audit->bind(1, c.at).bind(2, c.userName).bind(3, "correct_theme").bind(4, detail);
    if (auto s = audit->run(); !s) {
        return s.error();
    }
    if (auto s = tx->commit(); !s) {
        return s.error();
    }
    {
        std::lock_guard overlayLock(m_overlayMutex);
        m_overlay = std::make_shared<const ThemeOverlay>(std::move(next));
    }
    return c;
}

Result<std::vector<ThemeCorrection>> SqliteStore::listThemeCorrections() {
    const ReadLease lease = reader();
    auto st = lease.db().prepare(kSelectCorrections);
    if (!st) {
        return st.error();
    }
    std::vector<ThemeCorrection> out;
    if (auto s =
            st->forEachRow([&](const Statement& row) { out.push_back(correctionFromRow(row)); });
        !s) {
        return s.error();
    }
    return out;
}

Result<std::optional<int>> SqliteStore::themeOf(std::int64_t model, std::int64_t seq) {
    const ReadLease lease = reader();
    auto st = lease.db().cached("SELECT theme FROM submission_themes WHERE model = ? AND seq = ?");
    if (!st) {
        return st.error();
    }
    (*st)->bind(1, model).bind(2, seq);
    auto row = (*st)->step();
    if (!row) {
        return row.error();
    }
    std::optional<int> theme;
    if (row.value()) {
        theme = static_cast<int>((*st)->columnInt(0));
    }
    (*st)->reset();
    return theme;
}

Result<std::optional<StoredSubmission>> SqliteStore::findSubmission(const std::string& id) {
    const ReadLease lease = reader();
    auto st = lease.db().prepare(std::string("SELECT ") + rows::kSubmissionColumns +
                                 ", category, sentiment_class, complex FROM submissions "
                                 "WHERE id = ?");
    if (!st) {
        return st.error();
    }
    st->bind(1, id);
    auto row = st->step();
    if (!row) {
        return row.error();
    }
    if (!row.value()) {
        return std::optional<StoredSubmission>();
    }
    StoredSubmission s = rows::submissionFromRow(*st);
    if (const auto v = st->columnOptionalInt(13)) {
        s.category = static_cast<int>(*v);
    }
    if (const auto v = st->columnOptionalInt(14)) {
        s.sentimentClass = static_cast<int>(*v);
    }
    s.complex = st->columnInt(15) != 0;
    return std::optional<StoredSubmission>(std::move(s));
}

Result<std::vector<Store::CorrectedComment>> SqliteStore::correctedComments() {
    const ReadLease lease = reader();
    auto st = lease.db().prepare(
        "SELECT s.comment, s.rating, s.category, s.sentiment_class, max(c.kind = 'category'), "
        "max(c.kind = 'sentiment'), (SELECT x.value FROM theme_corrections x WHERE x.seq = c.seq "
        "AND x.kind = 'category' ORDER BY x.id DESC LIMIT 1) FROM theme_corrections c "
        "JOIN submissions s ON s.seq = c.seq WHERE c.kind IN ('category', 'sentiment') AND "
        "s.comment <> '' GROUP BY c.seq ORDER BY c.seq");
    if (!st) {
        return st.error();
    }
    std::vector<CorrectedComment> out;
    if (auto s = st->forEachRow([&](const Statement& row) {
            CorrectedComment c;
            c.text = row.columnText(0);
            if (const auto r = row.columnOptionalInt(1)) {
                c.rating = static_cast<int>(*r);
            }
            if (const auto v = row.columnOptionalInt(2)) {
                c.category = static_cast<int>(*v);
            }
            if (const auto v = row.columnOptionalInt(3)) {
                c.sentimentClass = static_cast<int>(*v);
            }
            c.categoryCorrected = row.columnInt(4) != 0;
            c.sentimentCorrected = row.columnInt(5) != 0;
            c.categoryName = row.columnIsNull(6) ? std::string() : row.columnText(6);
            out.push_back(std::move(c));
        });
        !s) {
        return s.error();
    }
    return out;
}

} // namespace wardvoice::aggregator
