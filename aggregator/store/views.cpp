// What the staff views read: per-day counts and theme rollups kept by ingest, and pages of
// comments through the (ward, time) and (theme, ward, time) indexes. Every read here is on a read
// connection; none scans other wards' rows.
#include "aggregator/store/rows.hpp"
#include "aggregator/store/store.hpp"

#include <algorithm>

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
Store::wardTotals(const std::vector<std::string>& wards, std::int64_t since, std::int64_t until) {
    std::map<std::string, WardDayTotals> out;
    if (wards.empty()) {
        return out;
    }
    const ReadLease lease = reader();
    auto st = lease.db().prepare(
        "SELECT ward, sum(r1), sum(r2), sum(r3), sum(r4), sum(r5), sum(r6), sum(comments) "
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
        });
        !s) {
        return s.error();
    }
    return out;
}

Result<SubmissionPage> Store::submissionPage(const SubmissionQuery& q) {
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
    // 8 before time, 9 before seq, 10 limit, 11... wards.
    std::string from;
    std::string time = "s.created_unix";
    std::string seq = "s.seq";
    const std::string wards = placeholders(q.wards.size(), 11);
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
               (q.wards.size() <= 4 ? "submissions_ward_time" : "submissions_time") +
               " WHERE s.ward IN (" + wards + ") AND s.created_unix >= ?1 AND s.created_unix < ?2";
    }
    std::string filters;
    if (q.topic) {
        filters += " AND s.topic = ?3";
    }
    if (q.respondent) {
        filters += " AND s.respondent = ?4";
    }
    std::string search = q.search;
    std::transform(search.begin(), search.end(), search.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!search.empty()) {
        filters += " AND instr(lower(s.comment), ?5) > 0";
    }
    auto bindAll = [&](Statement& st) {
        st.bind(1, q.since).bind(2, q.until);
        st.bind(3, q.topic ? std::string(common::toString(*q.topic)) : std::string());
        st.bind(4, q.respondent ? std::string(common::toString(*q.respondent)) : std::string());
        st.bind(5, search).bind(6, q.themeModel).bind(7, q.theme.value_or(0));
        st.bind(8, beforeTime).bind(9, beforeSeq);
        st.bind(10, static_cast<std::int64_t>(q.limit + 1));
        bindWards(st, q.wards, 11);
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
                         "s.comment, s.language, s.kiosk_id, s.received_at, s.seq, s.created_unix "
                         "FROM " +
                         from + filters + keyset + " ORDER BY " + time + " DESC, " + seq +
                         " DESC LIMIT ?10");
    if (!st) {
        return st.error();
    }
    bindAll(*st);
    if (auto s = st->forEachRow(
            [&](const Statement& row) { page.rows.push_back(rows::submissionFromRow(row)); });
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

/// The WHERE clause of a rollup query: parameters 1 model, 2 from day, 3 until day, 4 topic,
/// 5 and 6 for the query's own use, wards from 7.
std::string rollupWhere(const ThemeRollupQuery& q) {
    return " FROM theme_rollups WHERE model = ?1 AND ward IN (" + placeholders(q.wards.size(), 7) +
           ") AND day >= ?2 AND day < ?3" + (q.topic ? " AND topic = ?4" : "");
}

void bindRollup(Statement& st, const ThemeRollupQuery& q) {
    st.bind(1, q.model).bind(2, q.fromDay).bind(3, q.untilDay);
    st.bind(4, q.topic ? std::string(common::toString(*q.topic)) : std::string());
    bindWards(st, q.wards, 7);
}

} // namespace

Result<std::vector<ThemeWardCounts>> Store::themeWardCounts(const ThemeRollupQuery& q,
                                                            std::int64_t lastWeekFromDay) {
    std::vector<ThemeWardCounts> out;
    if (q.wards.empty()) {
        return out;
    }
    const ReadLease lease = reader();
    auto st = lease.db().prepare(
        "SELECT theme, ward, sum(comments), sum(rated), sum(rating_sum), sum(negative), "
        "sum(sentiment_sum), sum(CASE WHEN day >= ?5 THEN comments ELSE 0 END)" +
        rollupWhere(q) + " GROUP BY theme, ward");
    if (!st) {
        return st.error();
    }
    bindRollup(*st, q);
    st->bind(5, lastWeekFromDay).bind(6, std::int64_t{0});
    if (auto s = st->forEachRow([&](const Statement& row) {
            out.push_back({static_cast<int>(row.columnInt(0)), row.columnText(1), row.columnInt(2),
                           row.columnInt(3), row.columnInt(4), row.columnInt(5),
                           row.columnDouble(6), row.columnInt(7)});
        });
        !s) {
        return s.error();
    }
    return out;
}

Result<std::vector<ThemeSliceCounts>> Store::themeSliceCounts(const ThemeRollupQuery& q, int slices,
                                                              std::int64_t periodFromDay) {
    std::vector<ThemeSliceCounts> out;
    if (q.wards.empty() || q.untilDay <= q.fromDay || slices <= 0) {
        return out;
    }
    const ReadLease lease = reader();
    auto st = lease.db().prepare(
        "SELECT theme, (day - ?2) * ?5 / (?3 - ?2) AS slice, day < ?6 AS before, sum(comments), "
        "min(day)" +
        rollupWhere(q) + " GROUP BY theme, slice, before");
    if (!st) {
        return st.error();
    }
    bindRollup(*st, q);
    st->bind(5, slices).bind(6, periodFromDay);
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

Result<std::vector<std::string>> Store::themeExamples(const ThemeRollupQuery& q, int theme,
                                                      std::int64_t since, std::int64_t until,
                                                      std::size_t limit) {
    std::vector<std::string> out;
    if (q.wards.empty()) {
        return out;
    }
    const ReadLease lease = reader();
    auto st = lease.db().prepare(
        "SELECT s.comment FROM submission_themes st JOIN submissions s ON s.seq = st.seq "
        "WHERE st.model = ?1 AND st.theme = ?2 AND st.ward IN (" +
        placeholders(q.wards.size(), 7) + ") AND st.created_unix >= ?3 AND st.created_unix < ?4" +
        (q.topic ? " AND s.topic = ?5" : "") +
        " ORDER BY st.created_unix DESC, st.seq DESC LIMIT ?6");
    if (!st) {
        return st.error();
    }
    st->bind(1, q.model).bind(2, theme).bind(3, since).bind(4, until);
    st->bind(5, q.topic ? std::string(common::toString(*q.topic)) : std::string());
    st->bind(6, static_cast<std::int64_t>(limit));
    bindWards(*st, q.wards, 7);
    if (auto s = st->forEachRow([&](const Statement& row) { out.push_back(row.columnText(0)); });
        !s) {
        return s.error();
    }
    return out;
}

} // namespace wardvoice::aggregator
