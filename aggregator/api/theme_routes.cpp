// The staff API, part 3: staff correct the themes engine (rename a theme, merge two, move a
// comment to another theme, mark a comment's category or sentiment wrong), and read back every
// correction made. Chairs and admins may correct anything; a ward manager the comments of their
// wards and the themes those comments are in.
#include "aggregator/api/body_fields.hpp"
#include "aggregator/api/front_door.hpp"
#include "aggregator/api/server.hpp"
#include "aggregator/api/staff_gate.hpp"
#include "aggregator/cli/csv.hpp"
#include "aggregator/themes/engine.hpp"
#include "common/timeutil.hpp"
#include "common/uuid.hpp"

#include <algorithm>
#include <cctype>

namespace wardvoice::aggregator {

using namespace staff;

namespace {

constexpr std::size_t kMinLabel = 2;
constexpr std::size_t kMaxLabel = 60;

std::string lowerAscii(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

/// A label as typed, with its spaces tidied; empty when it is not a label a panel could read.
std::string tidyLabel(const std::string& typed) {
    std::string out;
    for (const char c : typed) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            return {}; // no control characters, no line breaks
        }
        if (c == ' ' && (out.empty() || out.back() == ' ')) {
            continue;
        }
        out += c;
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    const std::size_t length = common::utf8::length(out);
    return length >= kMinLabel && length <= kMaxLabel ? out : std::string();
}

json correctionJson(const ThemeCorrection& c, const std::vector<std::string>& categories) {
    json out = {{"id", c.id},
                {"at", common::formatRfc3339(c.at)},
                {"user", c.userName},
                {"kind", std::string(toString(c.kind))},
                {"note", c.note}};
    switch (c.kind) {
    case CorrectionKind::Rename:
        out["theme"] = c.theme;
        out["label"] = c.value;
        out["before"] = c.before;
        break;
    case CorrectionKind::Merge:
        out["theme"] = c.theme;
        out["into"] = c.target;
        out["label"] = c.before;
        out["into_label"] = c.targetLabel;
        break;
    case CorrectionKind::Move:
        out["submission"] = c.submissionId;
        out["ward"] = c.ward;
        out["theme"] = c.theme == themes::kNoTheme ? json(nullptr) : json(c.theme);
        out["to"] = c.target;
        out["to_label"] = c.targetLabel;
        break;
    case CorrectionKind::Category:
        out["submission"] = c.submissionId;
        out["ward"] = c.ward;
        out["category"] = c.target >= 0 && static_cast<std::size_t>(c.target) < categories.size()
                              ? json(categories[static_cast<std::size_t>(c.target)])
                              : json(c.value);
        out["before"] = c.before.empty() ? json(nullptr) : json(c.before);
        break;
    case CorrectionKind::Sentiment:
        out["submission"] = c.submissionId;
        out["ward"] = c.ward;
        out["sentiment"] = c.value;
        out["before"] = c.before.empty() ? json(nullptr) : json(c.before);
        break;
    }
    return out;
}

std::string correctionsCsv(const std::vector<ThemeCorrection>& list) {
    std::string out = csvRow({"id", "at", "user", "kind", "theme", "target", "submission", "ward",
                              "value", "before", "target_label", "note"});
    for (const ThemeCorrection& c : list) {
        const bool themed = c.kind == CorrectionKind::Rename || c.kind == CorrectionKind::Merge ||
                            c.kind == CorrectionKind::Move;
        out += csvRow({std::to_string(c.id), common::formatRfc3339(c.at), c.userName,
                       std::string(toString(c.kind)),
                       themed && c.theme != themes::kNoTheme ? std::to_string(c.theme) : "",
                       c.kind == CorrectionKind::Merge || c.kind == CorrectionKind::Move
                           ? std::to_string(c.target)
                           : "",
                       c.submissionId, c.ward, c.value, c.before, c.targetLabel, c.note});
    }
    return out;
}

/// Whether a ward manager's wards hold comments of `theme` under `model` (chairs: always).
bool mayCorrectTheme(Store& store, const UserRecord& user, std::int64_t model, int theme) {
    if (user.role != Role::WardManager) {
        return true;
    }
    if (user.wards.empty()) {
        return false;
    }
    SubmissionQuery q;
    q.wards = user.wards;
    std::sort(q.wards.begin(), q.wards.end());
    q.since = 0;
    q.until = std::numeric_limits<std::int64_t>::max();
    q.theme = theme;
    q.themeModel = model;
    q.limit = 1;
    auto page = store.submissionPage(q);
    return page && !page->rows.empty();
}

} // namespace

void ApiServer::themeRoutes() {
    httplib::Server& svr = *m_server;
    const StaffTools tools = staffTools(m_store, m_views.get());
    const auto staff = tools.staff;
    const auto audit = tools.audit;

    svr.Post(
        "/api/v1/themes/corrections",
        staff(true, [this](const StaffCaller& c, const httplib::Request& req,
                           httplib::Response& res, std::int64_t now) {
            const auto parsed = common::wire::parseJsonObject(req.body);
            if (!parsed) {
                sendError(res, 400, parsed.error().code, parsed.error().message);
                return;
            }
            const json& body = parsed.value();
            std::string kindText;
            std::string note;
            BodyFields fields(body);
            fields.text("kind", 16, kindText, true).text("note", 500, note);
            if (fields.error()) {
                sendError(res, 400, fields.error()->first, fields.error()->second);
                return;
            }
            const auto kind = correctionKindFromString(kindText);
            if (!kind) {
                sendError(res, 400, "bad_kind",
                          "kind must be rename, merge, move, category or sentiment");
                return;
            }
            const auto active = m_insights->service().active();
            if (!active) {
                sendError(res, 503, "themes_not_ready", "the first themes are still being built");
                return;
            }
            const auto overlay = m_store.themeOverlay();
            const auto& categories = m_insights->service().model().categoryNames();
            ThemeCorrection correction;
            correction.at = now;
            correction.userName = c.user.name;
            correction.kind = *kind;
            correction.note = note;
            // a topic theme staff can see now (in the active model, or named by a correction)
            auto topicTheme = [&](const char* key, std::int64_t id) -> std::optional<ThemeName> {
                if (id <= 0) {
                    sendError(res, 404, "unknown_theme",
                              std::string(key) + " must be a theme of the themes view");
                    return std::nullopt;
                }
                auto name = themeName(active.get(), *overlay, static_cast<int>(id));
                if (!name || overlay->resolve(static_cast<int>(id)) != id) {
                    sendError(res, 404, "unknown_theme",
                              std::string(key) + " " + std::to_string(id) +
                                  (name ? " was merged into another theme" : " is no theme"));
                    return std::nullopt;
                }
                if (!mayCorrectTheme(m_store, c.user, active->version, static_cast<int>(id))) {
                    sendError(res, 403, "forbidden",
                              "theme " + std::to_string(id) + " has no comments of your wards");
                    return std::nullopt;
                }
                return name;
            };
            if (*kind == CorrectionKind::Rename || *kind == CorrectionKind::Merge) {
                std::int64_t theme = 0;
                std::int64_t into = 0;
                std::string typed;
                BodyFields f(body);
                f.integer("theme", -2, 1'000'000'000, 0, theme);
                if (*kind == CorrectionKind::Rename) {
                    f.text("label", 200, typed, true);
                } else {
                    f.integer("into", -2, 1'000'000'000, 0, into);
                }
                if (f.error()) {
                    sendError(res, 400, f.error()->first, f.error()->second);
                    return;
                }
                const auto name = topicTheme("theme", theme);
                if (!name) {
                    return;
                }
                correction.theme = static_cast<int>(theme);
                if (*kind == CorrectionKind::Rename) {
                    const std::string label = tidyLabel(typed);
                    if (label.empty()) {
                        sendError(res, 400, "bad_label",
                                  "label must be 2 to 60 characters on one line");
                        return;
                    }
                    // two themes never share a label
                    for (const auto& t : active->state.themes) {
                        const auto other = themeName(active.get(), *overlay, t.id);
                        if (t.id != theme && other && overlay->resolve(t.id) == t.id &&
                            lowerAscii(other->label) == lowerAscii(label)) {
                            sendError(res, 409, "label_taken",
                                      "theme " + std::to_string(t.id) + " is called \"" +
                                          other->label + "\": merge the two instead");
                            return;
                        }
                    }
                    correction.value = label;
                    correction.before = name->label;
                    correction.targetCategory = name->category;
                } else {
                    if (into == theme) {
                        sendError(res, 400, "same_theme", "a theme cannot be merged into itself");
                        return;
                    }
                    const auto target = topicTheme("into", into);
                    if (!target) {
                        return;
                    }
                    correction.target = static_cast<int>(into);
                    correction.before = name->label;
                    correction.targetLabel = target->label;
                    correction.targetCategory = target->category;
                }
            } else {
                std::string id;
                BodyFields f(body);
                f.text("submission", 64, id, true);
                if (f.error()) {
                    sendError(res, 400, f.error()->first, f.error()->second);
                    return;
                }
                if (!common::isUuid(id)) {
                    sendError(res, 400, "bad_submission", "submission must be a submission id");
                    return;
                }
                auto stored = m_store.findSubmission(common::canonicalUuid(id));
                if (!stored) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                if (!stored.value() || !maySeeWard(c.user, stored.value()->submission.ward)) {
                    // the same answer whether it does not exist or is another ward's
                    sendError(res, 404, "unknown_submission", "no such submission in your wards");
                    return;
                }
                const StoredSubmission& s = *stored.value();
                if (s.submission.comment.empty()) {
                    sendError(res, 409, "no_comment", "the submission has no comment to correct");
                    return;
                }
                correction.seq = s.seq;
                if (*kind == CorrectionKind::Move) {
                    std::int64_t to = 0;
                    BodyFields g(body);
                    g.integer("to", -2, 1'000'000'000, 0, to);
                    if (g.error()) {
                        sendError(res, 400, g.error()->first, g.error()->second);
                        return;
                    }
                    std::optional<ThemeName> target;
                    if (to == themes::kGeneralTheme) {
                        target = themeName(active.get(), *overlay, themes::kGeneralTheme);
                    } else {
                        target = topicTheme("to", to);
                        if (!target) {
                            return;
                        }
                    }
                    auto current = m_store.themeOf(active->version, s.seq);
                    if (!current) {
                        sendError(res, 503, "storage_unavailable", "try again later");
                        return;
                    }
                    if (current.value() && *current.value() == to) {
                        sendError(res, 409, "unchanged", "the comment is in that theme already");
                        return;
                    }
                    correction.theme = current.value().value_or(themes::kNoTheme);
                    correction.target = static_cast<int>(to);
                    correction.targetLabel = target->label;
                    correction.targetCategory = target->category;
                } else if (*kind == CorrectionKind::Category) {
                    std::string name;
                    BodyFields g(body);
                    g.text("category", 120, name, true);
                    if (g.error()) {
                        sendError(res, 400, g.error()->first, g.error()->second);
                        return;
                    }
                    const auto it = std::find(categories.begin(), categories.end(), name);
                    if (it == categories.end()) {
                        sendError(res, 400, "unknown_category",
                                  "category must be one of GET /api/v1/themes/categories");
                        return;
                    }
                    correction.target = static_cast<int>(it - categories.begin());
                    correction.value = name;
                    if (s.category && *s.category >= 0 &&
                        static_cast<std::size_t>(*s.category) < categories.size()) {
                        correction.before = categories[static_cast<std::size_t>(*s.category)];
                    }
                } else {
                    std::string side;
                    BodyFields g(body);
                    g.text("sentiment", 16, side, true);
                    if (g.error()) {
                        sendError(res, 400, g.error()->first, g.error()->second);
                        return;
                    }
                    const auto cls = sideFromName(side);
                    if (!cls) {
                        sendError(res, 400, "bad_sentiment",
                                  "sentiment must be positive, neutral or negative");
                        return;
                    }
                    correction.target = *cls;
                    correction.value = side;
                    if (s.sentimentClass) {
                        correction.before = std::string(sideName(*s.sentimentClass));
                    }
                }
            }
            auto added = m_store.addThemeCorrection(correction);
            if (!added) {
                if (added.error().code == "not_found") {
                    sendError(res, 404, "unknown_submission", added.error().message);
                } else if (added.error().code == "no_comment") {
                    sendError(res, 409, "no_comment", added.error().message);
                } else {
                    logLine("error: theme correction: " + added.error().message);
                    sendError(res, 503, "storage_unavailable", "try again later");
                }
                return;
            }
            sendJson(res, 201, correctionJson(added.value(), categories));
        }));

    svr.Get("/api/v1/themes/corrections",
            staff(false, [this, audit](const StaffCaller& c, const httplib::Request& req,
                                       httplib::Response& res, std::int64_t now) {
                const std::string format =
                    req.has_param("format") ? req.get_param_value("format") : "json";
                if (format != "json" && format != "csv") {
                    sendError(res, 400, "bad_format", "format must be json or csv");
                    return;
                }
                auto list = m_store.listThemeCorrections();
                if (!list) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                // a ward manager: the renames and merges (labels everyone sees), and the
                // corrections of their own wards' comments
                std::vector<ThemeCorrection> visible;
                for (auto& k : list.value()) {
                    if (k.seq == 0 || maySeeWard(c.user, k.ward)) {
                        visible.push_back(std::move(k));
                    }
                }
                audit(c, now, "view_theme_corrections", "format=" + format);
                if (format == "csv") {
                    res.set_header("Content-Disposition",
                                   "attachment; filename=\"theme-corrections.csv\"");
                    res.set_content(correctionsCsv(visible), "text/csv; charset=utf-8");
                    return;
                }
                const auto& categories = m_insights->service().model().categoryNames();
                json out = json::array();
                for (const auto& k : visible) {
                    out.push_back(correctionJson(k, categories));
                }
                sendJson(res, 200, {{"corrections", out}});
            }));

    // What a category correction may name.
    svr.Get("/api/v1/themes/categories",
            staff(false, [this](const StaffCaller&, const httplib::Request&, httplib::Response& res,
                                std::int64_t) {
                sendJson(res, 200,
                         {{"categories", m_insights->service().model().categoryNames()},
                          {"sentiments", {"positive", "neutral", "negative"}}});
            }));
}

} // namespace wardvoice::aggregator
