// What the staff views read: per-day counts and theme rollups kept by ingest, and pages of
// comments through the (ward, time) and (theme, ward, time) indexes. Every read here is on a read
// connection; none scans other wards' rows.
#include "aggregator/store/rows.hpp"
#include "aggregator/store/sqlite_store.hpp"

#include <algorithm>
#include <variant>

namespace wardvoice::aggregator {

using common::makeError;
using common::Result;
using common::Status;
using common::db::Database;
using common::db::Statement;
using rows::kDaySeconds;
using rows::placeholders;

namespace {

/// A read transaction for the length of a view's queries: they all see one state.
class ReadTransaction {
public:
    explicit ReadTransaction(Database& db) : m_db(db), m_status(db.run("BEGIN")) {}
    ~ReadTransaction() {
        if (m_status) {
            (void)m_db.run("COMMIT");
        }
    }
    const Status& status() const { return m_status; }

private:
    Database& m_db;
    Status m_status;
};

/// Binds the wards from parameter `first` on; returns the next free parameter.
int bindWards(Statement& st, const std::vector<std::string>& wards, int first) {
    for (const auto& w : wards) {
        st.bind(first++, w);
    }
    return first;
}

std::int64_t dayOf(std::int64_t t) {
    return t >= 0 ? t / kDaySeconds : -((-t + kDaySeconds - 1) / kDaySeconds);
}

} // namespace

Result<std::map<std::string, WardDayTotals>>
SqliteStore::wardTotals(const std::vector<std::string>& wards, std::int64_t since,
                        std::int64_t until) {
    std::map<std::string, WardDayTotals> out;
    if (wards.empty()) {
        return out;
    }
    const ReadLease lease = reader();
    auto st = lease.db().prepare(
        "SELECT ward, sum(r1), sum(r2), sum(r3), sum(r4), sum(r5), sum(r6), sum(comments), "
        "sum(assisted) "
        "FROM day_counts WHERE ward IN (" +
        placeholders(wards.size(), 3) + ") AND day >= ?1 AND day < ?2 GROUP BY ward");
    if (!st) {
        return st.error();
    }
    st->bind(1, dayOf(since)).bind(2, dayOf(until - 1) + 1);
    bindWards(*st, wards, 3);
    if (auto s = st->forEachRow([&](const Statement& row) {
            WardDayTotals& t = out[row.columnText(0)];
            for (int r = 0; r < 6; ++r) {
                t.answers[static_cast<std::size_t>(r)] = row.columnInt(1 + r);
                t.total += row.columnInt(1 + r);
            }
            t.comments = row.columnInt(7);
            t.assisted = row.columnInt(8);
        });
        !s) {
        return s.error();
    }
    return out;
}

Result<SubmissionPage> SqliteStore::submissionPage(const SubmissionQuery& q) {
    SubmissionPage page;
    if (q.wards.empty()) {
        return page;
    }
    const ReadLease lease = reader();
    Database& db = lease.db();
    const ReadTransaction read(db);
    if (!read.status()) {
        return read.status().error();
    }
    std::int64_t beforeTime = 0;
    std::int64_t beforeSeq = 0;
    if (!q.before.empty()) {
        auto st = db.cached("SELECT created_unix, seq FROM submissions WHERE id = ?");
        if (!st) {
            return st.error();
        }
        (*st)->bind(1, q.before);
        auto row = (*st)->step();
        if (!row) {
            return row.error();
        }
        if (!row.value()) {
            page.unknownBefore = true;
            return page;
        }
        beforeTime = (*st)->columnInt(0);
        beforeSeq = (*st)->columnInt(1);
    }
    // Parameters: 1 since, 2 until, 3 topic, 4 respondent, 5 search, 6 model, 7 theme,
    // 8 before time, 9 before seq, 10 limit, 11 how far the search index reaches, 12 the search
    // in lower case, 13... wards.
    std::string from;
    std::string time = "s.created_unix";
    std::string seq = "s.seq";
    const std::string wards = placeholders(q.wards.size(), 13);
    if (q.theme) {
        from = "submission_themes st JOIN submissions s ON s.seq = st.seq WHERE st.model = ?6 AND "
               "st.theme = ?7 AND st.ward IN (" +
               wards + ") AND st.created_unix >= ?1 AND st.created_unix < ?2";
        time = "st.created_unix";
        seq = "st.seq";
    } else {
        // A few wards: each ward's rows through the (ward, time) index. Many: the time index,
        // newest first, without a sort.
        from = std::string("submissions s INDEXED BY ") +
               (q.complexOnly         ? "submissions_complex"
                : q.wards.size() <= 4 ? "submissions_ward_time"
                                      : "submissions_time") +
               " WHERE s.ward IN (" + wards + ") AND s.created_unix >= ?1 AND s.created_unix < ?2";
    }
    std::string filters;
    if (q.complexOnly) {
        filters += " AND s.complex = 1";
    }
    if (q.topic) {
        filters += " AND s.topic = ?3";
    }
    if (q.respondent) {
        filters += " AND s.respondent = ?4";
    }
    std::string search = q.search;
    std::transform(search.begin(), search.end(), search.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::string lowered = search;
    std::int64_t indexedThrough = 0;
    {
        auto st = db.cached("SELECT value FROM counters WHERE name = 'search_indexed_through'");
        if (!st) {
            return st.error();
        }
        auto row = (*st)->step();
        if (!row) {
            return row.error();
        }
        indexedThrough = row.value() ? (*st)->columnInt(0) : 0;
    }
    std::size_t characters = 0;
    for (const unsigned char c : search) {
        characters += (c & 0xC0) != 0x80 ? 1 : 0;
    }
    if (characters >= 3) {
        // the trigram index finds substrings of three characters or more, in any case
        std::string phrase = "\"";
        for (const char c : search) {
            phrase += c == '"' ? std::string("\"\"") : std::string(1, c);
        }
        search = phrase + "\"";
        // (and the newest few, which the index has not reached yet, directly)
        filters += " AND s.seq IN (SELECT rowid FROM comment_search WHERE comment_search MATCH "
                   "?5 UNION ALL SELECT seq FROM submissions WHERE seq > ?11 AND "
                   "instr(lower(comment), ?12) > 0)";
    } else if (!search.empty()) {
        filters += " AND instr(lower(s.comment), ?5) > 0";
    }
    auto bindAll = [&](Statement& st) {
        st.bind(1, q.since).bind(2, q.until);
        st.bind(3, q.topic ? std::string(common::toString(*q.topic)) : std::string());
        st.bind(4, q.respondent ? std::string(common::toString(*q.respondent)) : std::string());
        st.bind(5, search).bind(6, q.themeModel).bind(7, q.theme.value_or(0));
        st.bind(8, beforeTime).bind(9, beforeSeq);
        st.bind(10, static_cast<std::int64_t>(q.limit + 1));
        st.bind(11, indexedThrough).bind(12, lowered);
        bindWards(st, q.wards, 13);
    };
    auto count = db.prepare("SELECT count(*) FROM " + from + filters);
    if (!count) {
        return count.error();
    }
    bindAll(*count);
    if (auto row = count->step(); !row) {
        return row.error();
    }
    page.total = count->columnInt(0);
    const std::string keyset =
        q.before.empty() ? "" : " AND (" + time + ", " + seq + ") < (?8, ?9)";
    auto st = db.prepare(std::string("SELECT ") +
                         "s.id, s.created_at, s.ward, s.respondent, s.topic, s.rating, s.answers, "
                         "s.comment, s.language, s.kiosk_id, s.received_at, s.seq, s.created_unix, "
                         "s.category, s.sentiment_class, s.complex, (SELECT x.theme FROM "
                         "submission_themes x WHERE x.model = ?6 AND x.seq = s.seq) "
                         "FROM " +
                         from + filters + keyset + " ORDER BY " + time + " DESC, " + seq +
                         " DESC LIMIT ?10");
    if (!st) {
        return st.error();
    }
    bindAll(*st);
    if (auto s = st->forEachRow([&](const Statement& row) {
            StoredSubmission stored = rows::submissionFromRow(row);
            if (const auto v = row.columnOptionalInt(13)) {
                stored.category = static_cast<int>(*v);
            }
            if (const auto v = row.columnOptionalInt(14)) {
                stored.sentimentClass = static_cast<int>(*v);
            }
            stored.complex = row.columnInt(15) != 0;
            if (const auto v = row.columnOptionalInt(16)) {
                stored.theme = static_cast<int>(*v);
            }
            page.rows.push_back(std::move(stored));
        });
        !s) {
        return s.error();
    }
    if (page.rows.size() > q.limit) {
        page.rows.resize(q.limit);
        page.nextBefore = page.rows.back().submission.id;
    }
    return page;
}

namespace {

/// SQL text with its arguments in the order of their `?`s.
struct Sql {
    std::string text;
    std::vector<std::variant<std::int64_t, double, std::string>> args;

    Sql& add(std::string_view part) {
        text += part;
        return *this;
    }
    template <typename T> Sql& arg(T value) {
        args.emplace_back(std::move(value));
        return *this;
    }
    void bindTo(Statement& st) const {
        int i = 1;
        for (const auto& a : args) {
            std::visit([&](const auto& v) { st.bind(i, v); }, a);
            ++i;
        }
    }
};

/// The rollup rows of days [from, until) as (theme, ward, d, comments, rated, rating_sum,
/// negative, sentiment_sum, first_day, is_month, positive, neutral): whole months from the month
/// table, and days at the edges and from `daysFrom` on from the day table. Appends "UNION ALL"
/// parts to `sql`.
void addRange(Sql& sql, const ThemeRollupQuery& q, std::int64_t from, std::int64_t until,
              std::int64_t daysFrom) {
    if (from >= until) {
        return;
    }
    const std::string topic = q.topic ? std::string(common::toString(*q.topic)) : std::string();
    auto days = [&](std::int64_t a, std::int64_t b) {
        if (a >= b) {
            return;
        }
        sql.add(sql.text.empty() ? "" : " UNION ALL ")
            .add("SELECT theme, ward, day AS d, comments, rated, rating_sum, negative, "
                 "sentiment_sum, day AS first_day, 0 AS is_month, positive, neutral "
                 "FROM theme_rollups "
                 "WHERE model = ? AND ward IN (" +
                 rows::marks(q.wards.size()) + ") AND day >= ? AND day < ?" +
                 (q.topic ? " AND topic = ?" : ""));
        sql.arg(q.model);
        for (const auto& w : q.wards) {
            sql.arg(w);
        }
        sql.arg(a).arg(b);
        if (q.topic) {
            sql.arg(topic);
        }
    };
    const std::int64_t monthFrom =
        rows::monthOf(from) == from ? from : rows::nextMonth(rows::monthOf(from));
    const std::int64_t monthUntil = rows::monthOf(std::min(until, daysFrom));
    if (monthFrom >= monthUntil) {
        days(from, until);
        return;
    }
    days(from, monthFrom);
    sql.add(sql.text.empty() ? "" : " UNION ALL ")
        .add("SELECT theme, ward, month AS d, comments, rated, rating_sum, negative, "
             "sentiment_sum, first_day, 1 AS is_month, positive, neutral FROM theme_months "
             "WHERE model = ? AND ward "
             "IN (" +
             rows::marks(q.wards.size()) + ") AND month >= ? AND month < ? AND topic = ?");
    sql.arg(q.model);
    for (const auto& w : q.wards) {
        sql.arg(w);
    }
    sql.arg(monthFrom).arg(monthUntil).arg(topic);
    days(monthUntil, until);
}

} // namespace

Result<std::vector<ThemeWardCounts>> SqliteStore::themeWardCounts(const ThemeRollupQuery& q,
                                                                  std::int64_t lastWeekFromDay) {
    std::vector<ThemeWardCounts> out;
    if (q.wards.empty() || q.fromDay >= q.untilDay) {
        return out;
    }
    Sql parts;
    addRange(parts, q, q.fromDay, q.untilDay, lastWeekFromDay);
    Sql sql;
    sql.add("SELECT theme, ward, sum(comments), sum(rated), sum(rating_sum), sum(negative), "
            "sum(sentiment_sum), sum(CASE WHEN is_month = 0 AND d >= ? THEN comments ELSE 0 END), "
            "sum(positive), sum(neutral) FROM (")
        .arg(lastWeekFromDay);
    sql.add(parts.text).add(") GROUP BY theme, ward");
    sql.args.insert(sql.args.end(), parts.args.begin(), parts.args.end());
    const ReadLease lease = reader();
    auto st = lease.db().prepare(sql.text);
    if (!st) {
        return st.error();
    }
    sql.bindTo(*st);
    if (auto s = st->forEachRow([&](const Statement& row) {
            out.push_back({static_cast<int>(row.columnInt(0)), row.columnText(1), row.columnInt(2),
                           row.columnInt(3), row.columnInt(4), row.columnInt(5),
                           row.columnDouble(6), row.columnInt(7), row.columnInt(8),
                           row.columnInt(9)});
        });
        !s) {
        return s.error();
    }
    return out;
}

Result<std::vector<ThemeSliceCounts>>
SqliteStore::themeSliceCounts(const ThemeRollupQuery& q, int slices, std::int64_t periodFromDay) {
    std::vector<ThemeSliceCounts> out;
    if (q.wards.empty() || q.untilDay <= q.fromDay || slices <= 0) {
        return out;
    }
    // months only where a slice is at least a month long (a month falls into one slice)
    const bool months = (q.untilDay - q.fromDay) / slices >= 28;
    const std::int64_t split = std::clamp(periodFromDay, q.fromDay, q.untilDay);
    Sql parts;
    addRange(parts, q, q.fromDay, split, months ? split : q.fromDay);
    addRange(parts, q, split, q.untilDay, months ? q.untilDay : split);
    Sql sql;
    sql.add("SELECT theme, (d - ?) * ? / ? AS slice, d < ? AS before, sum(comments), "
            "min(first_day) FROM (")
        .arg(q.fromDay)
        .arg(static_cast<std::int64_t>(slices))
        .arg(q.untilDay - q.fromDay)
        .arg(periodFromDay);
    sql.add(parts.text).add(") GROUP BY theme, slice, before");
    sql.args.insert(sql.args.end(), parts.args.begin(), parts.args.end());
    const ReadLease lease = reader();
    auto st = lease.db().prepare(sql.text);
    if (!st) {
        return st.error();
    }
    sql.bindTo(*st);
    if (auto s = st->forEachRow([&](const Statement& row) {
            out.push_back({static_cast<int>(row.columnInt(0)),
                           std::clamp(static_cast<int>(row.columnInt(1)), 0, slices - 1),
                           row.columnInt(2) != 0, row.columnInt(3), row.columnInt(4)});
        });
        !s) {
        return s.error();
    }
    return out;
}

Result<std::vector<ThemeExample>> SqliteStore::themeExamples(const ThemeRollupQuery& q, int theme,
                                                             std::int64_t since, std::int64_t until,
                                                             std::size_t limit) {
    std::vector<ThemeExample> out;
    if (q.wards.empty()) {
        return out;
    }
    const ReadLease lease = reader();
    // The newest few from the covering (model, theme, ward, time) index first, and only their
    // text from the submissions (a topic has to be looked up in each row).
    const std::string newest =
        std::string(q.topic ? "SELECT st.seq FROM submission_themes st JOIN submissions s ON "
                              "s.seq = st.seq"
                            : "SELECT st.seq FROM submission_themes st") +
        " WHERE st.model = ?1 AND st.theme = ?2 AND st.ward IN (" +
        placeholders(q.wards.size(), 7) + ") AND st.created_unix >= ?3 AND st.created_unix < ?4" +
        (q.topic ? " AND s.topic = ?5" : "") +
        " ORDER BY st.created_unix DESC, st.seq DESC LIMIT ?6";
    auto st = lease.db().prepare("SELECT comment, coalesce(sentiment_class, 1) FROM submissions "
                                 "WHERE seq IN (" +
                                 newest + ") ORDER BY created_unix DESC, seq DESC");
    st->bind(1, q.model).bind(2, theme).bind(3, since).bind(4, until);
    st->bind(5, q.topic ? std::string(common::toString(*q.topic)) : std::string());
    st->bind(6, static_cast<std::int64_t>(limit));
    bindWards(*st, q.wards, 7);
    if (auto s = st->forEachRow([&](const Statement& row) {
            out.push_back({row.columnText(0), static_cast<int>(row.columnInt(1))});
        });
        !s) {
        return s.error();
    }
    return out;
}

} // namespace wardvoice::aggregator
