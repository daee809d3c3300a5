// The staff API, part 2: the agenda, "you said, we did", the kiosk fleet, the audit log and
// the FFT return. Part 1 (sessions, themes, comments) is in staff_routes.cpp.
//
// [SECTION] agenda and messages
// [SECTION] fleet, audit and returns
#include "aggregator/agenda/export.hpp"
#include "aggregator/api/body_fields.hpp"
#include "aggregator/api/front_door.hpp"
#include "aggregator/api/server.hpp"
#include "aggregator/api/staff_gate.hpp"
#include "common/utf8.hpp"

#include <algorithm>
#include <limits>

namespace wardvoice::aggregator {

using namespace staff;

namespace {

/// A message as staff see it.
json messageJson(const YouSaidWeDid& m) {
    const auto timeOrNull = [](const std::optional<std::int64_t>& t) {
        return t ? json(common::formatRfc3339(*t)) : json(nullptr);
    };
    return {{"id", m.id},
            {"text", m.text},
            {"texts", json(m.texts)},
            {"wards", m.wards},
            {"agenda_item", m.agendaItemId ? json(*m.agendaItemId) : json(nullptr)},
            {"created_by", m.createdBy},
            {"created_at", common::formatRfc3339(m.createdAt)},
            {"expires_at", common::formatRfc3339(m.expiresAt)},
            {"withdrawn_at", timeOrNull(m.withdrawnAt)},
            {"updated_by", m.updatedBy.empty() ? json(nullptr) : json(m.updatedBy)},
            {"updated_at", timeOrNull(m.updatedAt)}};
}

/// Patient-facing text: NFC, 1-280 characters; none when it is not.
std::optional<std::string> messageText(const std::string& raw) {
    auto text = common::utf8::normalise(raw);
    if (!text || text.value().empty() || common::utf8::length(text.value()) > kMaxMessageChars) {
        return std::nullopt;
    }
    return text.value();
}

/// Reads `text`, `texts`, `wards` and `expires_at` of a message body into `m`: all of them when
/// `creating` (text and wards required), else those present. False once it has sent the 400
/// or 403 that names the first wrong field.
bool readMessage(const json& body, bool creating, const UserRecord& user,
                 const std::vector<std::string>& languages, std::int64_t now, YouSaidWeDid& m,
                 httplib::Response& res) {
    std::string rawText;
    std::vector<std::string> wards;
    std::string expires;
    BodyFields fields(body);
    fields.text("text", 4 * kMaxMessageChars, rawText, creating)
        .strings("wards", 100, 64, wards, creating)
        .text("expires_at", 40, expires);
    if (fields.error()) {
        sendError(res, 400, fields.error()->first, fields.error()->second);
        return false;
    }
    if (creating || body.contains("text")) {
        const auto text = messageText(rawText);
        if (!text) {
            sendError(res, 400, "bad_text", "text must be 1-280 characters of UTF-8");
            return false;
        }
        m.text = *text;
    }
    // Texts in the other kiosk languages; "" removes one (the kiosk then shows the English).
    if (const auto it = body.find("texts"); it != body.end() && !it->is_null()) {
        if (!it->is_object()) {
            sendError(res, 400, "bad_texts", "texts must be an object of language: text");
            return false;
        }
        for (const auto& [language, value] : it->items()) {
            const bool known = language != "en" && std::find(languages.begin(), languages.end(),
                                                             language) != languages.end();
            if (!known || !value.is_string()) {
                sendError(res, 400, "bad_texts",
                          "texts takes a text for each kiosk language other than English (" +
                              language + ")");
                return false;
            }
            if (value.get_ref<const std::string&>().empty()) {
                m.texts.erase(language);
                continue;
            }
            const auto text = messageText(value.get<std::string>());
            if (!text) {
                sendError(res, 400, "bad_texts",
                          "the " + language + " text must be 1-280 characters of UTF-8");
                return false;
            }
            m.texts[language] = *text;
        }
    }
    if (creating || body.contains("wards")) {
        m.wards.clear();
        for (const std::string& w : wards) {
            if (!common::isIdentifier(w)) {
                sendError(res, 400, "bad_wards", "wards must be ward identifiers");
                return false;
            }
            if (!maySeeWard(user, w)) {
                sendError(res, 403, "forbidden", "not one of your wards");
                return false;
            }
            if (std::find(m.wards.begin(), m.wards.end(), w) == m.wards.end()) {
                m.wards.push_back(w);
            }
        }
        if (m.wards.empty()) {
            sendError(res, 400, "bad_wards", "name at least one ward");
            return false;
        }
    }
    if (!expires.empty()) {
        auto t = common::parseDateOrTime(expires);
        // A date is the last day shown: the message goes at the end of it.
        const std::int64_t end = t ? t.value() + (expires.size() == 10 ? kDay : 0) : 0;
        if (!t || end <= now || end > now + 367 * kDay) {
            sendError(res, 400, "bad_expires_at", "expires_at must be a date within the next year");
            return false;
        }
        m.expiresAt = end;
    }
    return true;
}

} // namespace

std::optional<InsightResult> ApiServer::trustThemes(const std::string& since,
                                                    const std::string& until, std::int64_t now,
                                                    httplib::Response& res, Period& period) {
    httplib::Request query;
    if (!since.empty()) {
        query.params.emplace("since", since);
    }
    if (!until.empty()) {
        query.params.emplace("until", until);
    }
    std::string error;
    const auto parsed = periodOf(query, now, error);
    if (!parsed) {
        sendError(res, 400, "bad_period", error);
        return std::nullopt;
    }
    period = *parsed;
    auto wards = m_store.listWards();
    if (!wards) {
        sendError(res, 503, "storage_unavailable", "try again later");
        return std::nullopt;
    }
    auto result =
        m_insights->themes({wards.value(), std::nullopt, period.since, period.until}, now);
    if (!result) {
        sendError(res, 503, "storage_unavailable", "try again later");
        return std::nullopt;
    }
    return std::move(result).value();
}

void ApiServer::agendaRoutes() {
    httplib::Server& svr = *m_server;
    // plain variables, not a structured binding: clang 14 cannot capture those in lambdas
    const StaffTools tools = staffTools(m_store, m_views.get());
    const auto staff = tools.staff;
    const auto audit = tools.audit;
    const auto wardsFor = tools.wardsFor;
    const auto scopeOf = tools.scopeOf;

    // [SECTION] agenda and messages

    svr.Get(
        "/api/v1/agenda",
        staff(false, [this, audit](const StaffCaller& c, const httplib::Request& req,
                                   httplib::Response& res, std::int64_t now) {
            std::string error;
            const auto period = periodOf(req, now, error);
            if (!period) {
                sendError(res, 400, "bad_period", error);
                return;
            }
            const std::string format =
                req.has_param("format") ? req.get_param_value("format") : "json";
            if (format != "json" && format != "csv" && format != "md" && format != "html") {
                sendError(res, 400, "bad_format", "format must be json, csv, md or html");
                return;
            }
            auto items = m_store.listAgendaItems(dateOf(period->since), dateOf(period->until));
            if (!items) {
                sendError(res, 503, "storage_unavailable", "try again later");
                return;
            }
            // A ward manager sees the items that concern their wards only.
            std::vector<AgendaItem> visible;
            for (auto& item : items.value()) {
                if (touchesWards(c.user, item)) {
                    visible.push_back(std::move(item));
                }
            }
            addPriorities(visible); // the patients' votes, in words
            const std::string since = dateOf(period->since);
            const std::string until = dateOf(period->until - 1);
            audit(c, now, format == "json" ? "view_agenda" : "export_agenda",
                  "format=" + format + " since=" + since + " until=" + until);
            const std::string file = "agenda-" + since + "-to-" + until;
            if (format == "csv") {
                res.set_header("Content-Disposition", "attachment; filename=\"" + file + ".csv\"");
                res.set_content(agendaCsv(visible), "text/csv; charset=utf-8");
            } else if (format == "md") {
                res.set_header("Content-Disposition", "attachment; filename=\"" + file + ".md\"");
                res.set_content(agendaMarkdown(visible, since, until),
                                "text/markdown; charset=utf-8");
            } else if (format == "html") {
                res.set_content(agendaHtml(visible, since, until), "text/html; charset=utf-8");
            } else {
                json out = json::array();
                for (const auto& item : visible) {
                    out.push_back(agendaItemJson(item));
                }
                sendJson(res, 200, {{"since", since}, {"until", until}, {"items", out}});
            }
        }));

    // Pull the top N themes of a period into the agenda (chairs and admins).
    svr.Post("/api/v1/agenda",
             staff(true, [this, audit](const StaffCaller& c, const httplib::Request& req,
                                       httplib::Response& res, std::int64_t now) {
                 if (!isChair(c.user)) {
                     sendError(res, 403, "forbidden", "only panel chairs build the agenda");
                     return;
                 }
                 const auto parsed = common::wire::parseJsonObject(req.body);
                 if (!parsed) {
                     sendError(res, 400, parsed.error().code, parsed.error().message);
                     return;
                 }
                 const json& body = parsed.value();
                 std::string since;
                 std::string until;
                 std::int64_t top = 5;
                 std::vector<std::int64_t> ids;
                 BodyFields fields(body);
                 fields.text("since", 40, since)
                     .text("until", 40, until)
                     .integer("top", 1, 50, 5, top)
                     .integers("themes", 0, 1'000'000, 200, ids);
                 if (fields.error()) {
                     sendError(res, 400, fields.error()->first, fields.error()->second);
                     return;
                 }
                 Period periodValue;
                 auto result = trustThemes(since, until, now, res, periodValue);
                 if (!result) {
                     return;
                 }
                 const Period* period = &periodValue;
                 json added = json::array();
                 int taken = 0;
                 for (const auto& t : result->themes) {
                     if (ids.empty() ? taken >= top
                                     : std::find(ids.begin(), ids.end(), t.id) == ids.end()) {
                         continue;
                     }
                     ++taken;
                     AgendaItem item;
                     item.title = t.label;
                     item.status = "proposed";
                     item.since = dateOf(period->since);
                     item.until = dateOf(period->until);
                     item.evidence = Insights::toJson(t).dump();
                     item.createdBy = c.user.name;
                     item.createdAt = now;
                     auto id = m_store.addAgendaItem(item);
                     if (!id) {
                         sendError(res, 503, "storage_unavailable", "try again later");
                         return;
                     }
                     auto stored = m_store.findAgendaItem(id.value());
                     if (!stored || !stored.value()) {
                         sendError(res, 503, "storage_unavailable", "try again later");
                         return;
                     }
                     added.push_back(agendaItemJson(*stored.value()));
                 }
                 audit(c, now, "agenda_add", std::to_string(added.size()) + " items");
                 sendJson(res, 201, {{"items", added}});
             }));

    svr.Post(
        R"(/api/v1/agenda/(\d+)/actions)",
        staff(true, [this, audit](const StaffCaller& c, const httplib::Request& req,
                                  httplib::Response& res, std::int64_t now) {
            if (!isChair(c.user)) {
                sendError(res, 403, "forbidden", "only panel chairs record agenda actions");
                return;
            }
            const auto id = pathId(req.matches[1].str());
            if (!id) {
                sendError(res, 404, "not_found", "no such agenda item");
                return;
            }
            const auto parsed = common::wire::parseJsonObject(req.body);
            if (!parsed) {
                sendError(res, 400, parsed.error().code, parsed.error().message);
                return;
            }
            std::string status;
            std::string note;
            BodyFields fields(parsed.value());
            fields.text("status", 32, status, true).text("note", 2000, note);
            if (fields.error()) {
                sendError(res, 400, fields.error()->first, fields.error()->second);
                return;
            }
            if (std::find_if(std::begin(kAgendaStatuses), std::end(kAgendaStatuses),
                             [&](const char* s) { return status == s; }) ==
                std::end(kAgendaStatuses)) {
                sendError(res, 400, "bad_status",
                          "status must be proposed, on_agenda, action_agreed, in_progress, done "
                          "or dropped");
                return;
            }
            if (status == "dropped" && note.empty()) {
                sendError(res, 400, "reason_required", "say in the note why the item is dropped");
                return;
            }
            AgendaAction action;
            action.at = now;
            action.userName = c.user.name;
            action.status = status;
            action.note = note;
            action.role = std::string(toString(c.user.role));
            if (auto s = m_store.recordAgendaAction(*id, action); !s) {
                if (s.error().code == "not_found") {
                    sendError(res, 404, "not_found", s.error().message);
                } else {
                    sendError(res, 503, "storage_unavailable", "try again later");
                }
                return;
            }
            audit(c, now, "agenda_action", std::to_string(*id) + " -> " + status);
            auto item = m_store.findAgendaItem(*id);
            if (!item || !item.value()) {
                sendError(res, 503, "storage_unavailable", "try again later");
                return;
            }
            sendJson(res, 200, agendaItemJson(*item.value()));
        }));

    svr.Post("/api/v1/you-said-we-did",
             staff(true, [this, audit](const StaffCaller& c, const httplib::Request& req,
                                       httplib::Response& res, std::int64_t now) {
                 const auto parsed = common::wire::parseJsonObject(req.body);
                 if (!parsed) {
                     sendError(res, 400, parsed.error().code, parsed.error().message);
                     return;
                 }
                 YouSaidWeDid m;
                 m.expiresAt = now + 30 * kDay;
                 if (!readMessage(parsed.value(), true, c.user, m_options.languages, now, m, res)) {
                     return;
                 }
                 std::int64_t agendaItem = 0;
                 BodyFields fields(parsed.value());
                 fields.integer("agenda_item", 1, std::numeric_limits<std::int64_t>::max(), 0,
                                agendaItem);
                 if (fields.error()) {
                     sendError(res, 400, fields.error()->first, fields.error()->second);
                     return;
                 }
                 if (agendaItem != 0) {
                     // An item the caller may not see answers exactly as one that does not exist.
                     if (!visibleItem(m_store, c.user, agendaItem, res)) {
                         return;
                     }
                     m.agendaItemId = agendaItem;
                 }
                 m.createdBy = c.user.name;
                 m.createdAt = now;
                 auto id = m_store.addMessage(m);
                 if (!id) {
                     if (id.error().code == "not_found") {
                         sendError(res, 404, "not_found", "no such agenda item");
                     } else {
                         sendError(res, 503, "storage_unavailable", "try again later");
                     }
                     return;
                 }
                 m.id = id.value();
                 audit(c, now, "publish_message",
                       "id=" + std::to_string(id.value()) + " wards=" + joinWards(m.wards));
                 sendJson(res, 201, messageJson(m));
             }));

    // Edit or withdraw a message: chairs any, ward managers those whose wards are all theirs
    // (another's answers as a missing one).
    const auto editable = [this](const StaffCaller& c, const httplib::Request& req,
                                 httplib::Response& res) -> std::optional<YouSaidWeDid> {
        const auto id = pathId(req.matches[1].str());
        auto found = id ? m_store.findMessage(*id)
                        : common::Result<std::optional<YouSaidWeDid>>(std::nullopt);
        if (!found) {
            sendError(res, 503, "storage_unavailable", "try again later");
            return std::nullopt;
        }
        const auto& m = found.value();
        if (!m || !std::all_of(m->wards.begin(), m->wards.end(),
                               [&](const std::string& w) { return maySeeWard(c.user, w); })) {
            sendError(res, 404, "not_found", "no such message");
            return std::nullopt;
        }
        return *m;
    };
    svr.Patch(
        R"(/api/v1/you-said-we-did/(\d+))",
        staff(true, [this, audit, editable](const StaffCaller& c, const httplib::Request& req,
                                            httplib::Response& res, std::int64_t now) {
            const auto parsed = common::wire::parseJsonObject(req.body);
            if (!parsed) {
                sendError(res, 400, parsed.error().code, parsed.error().message);
                return;
            }
            auto m = editable(c, req, res);
            if (!m) {
                return;
            }
            if (m->withdrawnAt) {
                sendError(res, 409, "withdrawn", "a withdrawn message cannot be edited");
                return;
            }
            if (!readMessage(parsed.value(), false, c.user, m_options.languages, now, *m, res)) {
                return;
            }
            m->updatedBy = c.user.name;
            m->updatedAt = now;
            if (!m_store.updateMessage(*m)) {
                sendError(res, 503, "storage_unavailable", "try again later");
                return;
            }
            audit(c, now, "edit_message",
                  "id=" + std::to_string(m->id) + " wards=" + joinWards(m->wards));
            sendJson(res, 200, messageJson(*m));
        }));
    svr.Post(R"(/api/v1/you-said-we-did/(\d+)/withdraw)",
             staff(true, [this, audit, editable](const StaffCaller& c, const httplib::Request& req,
                                                 httplib::Response& res, std::int64_t now) {
                 auto m = editable(c, req, res);
                 if (!m) {
                     return;
                 }
                 if (!m->withdrawnAt) { // withdrawing twice changes nothing
                     m->withdrawnAt = now;
                     m->updatedBy = c.user.name;
                     m->updatedAt = now;
                     if (!m_store.updateMessage(*m)) {
                         sendError(res, 503, "storage_unavailable", "try again later");
                         return;
                     }
                     audit(c, now, "withdraw_message", "id=" + std::to_string(m->id));
                 }
                 sendJson(res, 200, messageJson(*m));
             }));

    svr.Get("/api/v1/you-said-we-did",
            staff(false, [this, wardsFor, audit](const StaffCaller& c, const httplib::Request& req,
                                                 httplib::Response& res, std::int64_t now) {
                std::vector<std::string> wards;
                if (!wardsFor(c, req, res, wards)) {
                    return;
                }
                audit(c, now, "view_messages", "wards=" + joinWards(wards));
                auto messages = m_store.listMessages("", req.has_param("expired") ? 0 : now);
                if (!messages) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                json out = json::array();
                for (const auto& m : messages.value()) {
                    const bool relevant =
                        std::any_of(m.wards.begin(), m.wards.end(), [&](const std::string& w) {
                            return std::binary_search(wards.begin(), wards.end(), w);
                        });
                    if (relevant) {
                        out.push_back(messageJson(m));
                    }
                }
                // the kiosks' languages: those a message may have a text in, English first
                sendJson(res, 200, {{"messages", out}, {"languages", m_options.languages}});
            }));

    // [SECTION] fleet, audit and returns

    // The theme model: what the background work is doing; an admin may ask for a new fit.
    svr.Get("/api/v1/themes/model",
            staff(false, [this](const StaffCaller& c, const httplib::Request&,
                                httplib::Response& res, std::int64_t) {
                if (!isChair(c.user)) {
                    sendError(res, 403, "forbidden", "for panel chairs and admins");
                    return;
                }
                sendJson(res, 200, m_insights->service().status());
            }));
    svr.Post("/api/v1/themes/model/refit",
             staff(true, [this, audit](const StaffCaller& c, const httplib::Request&,
                                       httplib::Response& res, std::int64_t now) {
                 if (c.user.role != Role::Admin) {
                     sendError(res, 403, "forbidden", "for admins");
                     return;
                 }
                 m_insights->service().requestFit();
                 audit(c, now, "refit_themes", "");
                 sendJson(res, 202, m_insights->service().status());
             }));

    svr.Get("/api/v1/kiosks",
            staff(false, [this, audit](const StaffCaller& c, const httplib::Request&,
                                       httplib::Response& res, std::int64_t now) {
                audit(c, now, "view_fleet", "");
                auto kiosks = m_store.listKiosks();
                if (!kiosks) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                json out = json::array();
                for (const auto& k : kiosks.value()) {
                    if (!maySeeWard(c.user, k.ward)) {
                        continue;
                    }
                    // Offline: revoked, never seen, or no heartbeat for 5 minutes.
                    const bool offline = k.revokedAt || !k.lastSeenAt || now - *k.lastSeenAt > 300;
                    out.push_back(
                        {{"kiosk_id", k.kioskId},
                         {"ward", k.ward},
                         {"name", k.name},
                         {"created_at", common::formatRfc3339(k.createdAt)},
                         {"last_seen_at", k.lastSeenAt ? json(common::formatRfc3339(*k.lastSeenAt))
                                                       : json(nullptr)},
                         {"queue_depth", k.queueDepth ? json(*k.queueDepth) : json(nullptr)},
                         {"oldest_queued_at", k.oldestQueuedAt},
                         {"version", k.version},
                         {"revoked", k.revokedAt.has_value()},
                         {"offline", offline}});
                }
                sendJson(res, 200, {{"kiosks", out}, {"server_time", common::formatRfc3339(now)}});
            }));

    svr.Get("/api/v1/audit",
            staff(false, [this, audit](const StaffCaller& c, const httplib::Request& req,
                                       httplib::Response& res, std::int64_t now) {
                if (c.user.role != Role::Admin) {
                    sendError(res, 403, "forbidden", "the audit log is for administrators");
                    return;
                }
                const std::size_t limit =
                    req.has_param("limit")
                        ? static_cast<std::size_t>(
                              std::clamp(std::atoi(req.get_param_value("limit").c_str()), 1, 5000))
                        : 500;
                auto entries = m_store.listAudit(limit);
                if (!entries) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                audit(c, now, "view_audit", "");
                json out = json::array();
                for (const auto& e : entries.value()) {
                    out.push_back({{"at", common::formatRfc3339(e.at)},
                                   {"user", e.userName},
                                   {"action", e.action},
                                   {"detail", e.detail}});
                }
                sendJson(res, 200, {{"entries", out}});
            }));

    // The FFT monthly return, exact counts per ward (what the national return asks for).
    svr.Get("/api/v1/fft-return",
            staff(false, [this, audit](const StaffCaller& c, const httplib::Request& req,
                                       httplib::Response& res, std::int64_t now) {
                if (!isChair(c.user)) {
                    // Exact counts include groups under 5: for the patient-experience team.
                    sendError(res, 403, "forbidden",
                              "the FFT return is for panel chairs and administrators");
                    return;
                }
                const std::string month = req.get_param_value("month");
                const auto range = monthRange(month);
                if (!range) {
                    sendError(res, 400, "bad_month", "month must be YYYY-MM");
                    return;
                }
                auto wards = m_store.listWards();
                if (!wards) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                auto counts = fftCounts(m_store, wards.value(), range->first, range->second);
                if (!counts) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                audit(c, now, "export_fft_return", month);
                res.set_header("Content-Disposition",
                               "attachment; filename=\"fft-return-" + month + ".csv\"");
                res.set_content(fftReturnCsv(counts.value()), "text/csv; charset=utf-8");
            }));
}

} // namespace wardvoice::aggregator
