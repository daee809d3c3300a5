// The staff API, part 4: panel meetings. A chair creates a meeting (date, title, attendees),
// fills its agenda from the themes (the top ones, or chosen ones, never one already open) or
// with free items, orders it, and moves each item on (owner, due date, status, the agreed
// action, notes); unfinished items carry into the next meeting. Ward managers see the items
// that touch their wards and add notes to them. Exports: Markdown, CSV and a printable page.
#include "aggregator/agenda/export.hpp"
#include "aggregator/api/body_fields.hpp"
#include "aggregator/api/front_door.hpp"
#include "aggregator/api/server.hpp"
#include "aggregator/api/staff_gate.hpp"
#include "common/utf8.hpp"

#include <algorithm>
#include <map>

namespace wardvoice::aggregator {

using namespace staff;

namespace {

bool isDay(const std::string& text) {
    if (text.size() != 10) {
        return false;
    }
    const auto t = common::parseDateOrTime(text);
    return t.ok() && dateOf(t.value()) == text;
}

/// Names or roles: at most 40, each 1-120 characters on one line.
bool readAttendees(const json& body, std::vector<std::string>& out, std::string& error) {
    out.clear();
    const auto it = body.find("attendees");
    if (it == body.end() || it->is_null()) {
        return true;
    }
    if (!it->is_array() || it->size() > 40) {
        error = "attendees must be a list of at most 40 names or roles";
        return false;
    }
    for (const auto& a : *it) {
        if (!a.is_string() || a.get<std::string>().empty() ||
            !common::utf8::isValid(a.get<std::string>()) ||
            common::utf8::length(a.get<std::string>()) > 120 ||
            a.get<std::string>().find_first_of("\r\n") != std::string::npos) {
            error = "each attendee must be 1 to 120 characters on one line";
            return false;
        }
        out.push_back(a.get<std::string>());
    }
    return true;
}

const std::map<std::int64_t, std::vector<std::string>> kNoPanelVotes;

/// The panel members' own votes on an item: how many, and whether `caller` is one of them.
void addPanelVotes(json& j, const std::map<std::int64_t, std::vector<std::string>>& panel,
                   std::int64_t item, const std::string& caller) {
    const auto it = panel.find(item);
    const std::size_t count = it != panel.end() ? it->second.size() : 0;
    j["panel_votes"] = count;
    j["my_panel_vote"] = it != panel.end() && std::find(it->second.begin(), it->second.end(),
                                                        caller) != it->second.end();
}

} // namespace

void ApiServer::meetingRoutes() {
    httplib::Server& svr = *m_server;
    const StaffTools tools = staffTools(m_store, m_views.get());
    const auto staff = tools.staff;
    const auto audit = tools.audit;

    // Reads a meeting path id; 404 when there is no such meeting.
    auto meetingOf = [this](const httplib::Request& req,
                            httplib::Response& res) -> std::optional<Meeting> {
        const auto id = pathId(req.matches[1].str());
        auto found = id ? m_store.findMeeting(*id)
                        : common::Result<std::optional<Meeting>>(std::optional<Meeting>());
        if (!found) {
            sendError(res, 503, "storage_unavailable", "try again later");
            return std::nullopt;
        }
        if (!found.value()) {
            sendError(res, 404, "not_found", "no such meeting");
            return std::nullopt;
        }
        return *found.value();
    };
    // The agenda of a meeting as a caller may see it, each theme item with what its theme(s)
    // have done since its evidence began.
    auto agendaJson = [this](const StaffCaller& c, const Meeting& m, std::vector<AgendaItem> items,
                             std::int64_t now) {
        json out = json::array();
        std::map<std::string, std::optional<InsightResult>> live;
        const auto votes = addPriorities(items);
        auto panel = m_store.panelVotes();
        for (const auto& item : items) {
            if (!touchesWards(c.user, item)) {
                continue;
            }
            json j = agendaItemJson(item);
            const auto tally = votes.find(item.id);
            j["votes"] = tally != votes.end() ? tally->second : json::array();
            addPanelVotes(j, panel ? panel.value() : kNoPanelVotes, item.id, c.user.name);
            j["live"] = nullptr;
            if (item.kind == "theme" && !item.themes.empty()) {
                const auto start = common::parseDateOrTime(item.since);
                const std::int64_t since =
                    std::max(start ? start.value() : now - 30 * kDay, now - 400 * kDay);
                auto& result = live[dateOf(since)];
                if (!result) {
                    auto wards = m_store.listWards();
                    if (wards) {
                        auto r = m_insights->themes(
                            {wards.value(), std::nullopt, since, (now / kDay + 1) * kDay}, now);
                        if (r) {
                            result = std::move(r).value();
                        }
                    }
                }
                if (result) {
                    std::vector<const ThemeInsight*> parts;
                    for (const auto& t : result->themes) {
                        if (std::find(item.themes.begin(), item.themes.end(), t.id) !=
                            item.themes.end()) {
                            parts.push_back(&t);
                        }
                    }
                    const ThemeInsight sinceAdded = combineInsights(parts);
                    const auto volume = static_cast<std::int64_t>(sinceAdded.current);
                    const auto negative =
                        static_cast<std::int64_t>(sinceAdded.bySentiment[themes::kNegative]);
                    j["live"] = {{"since", dateOf(since)},
                                 {"until", dateOf(now)},
                                 {"volume", suppressedCount(volume)},
                                 {"negative_percent", suppressedPercent(negative, volume)},
                                 {"trend", parts.empty()
                                               ? json(nullptr)
                                               : json(themes::toString(sinceAdded.ranking.trend))}};
                }
            }
            out.push_back(std::move(j));
        }
        json meeting = meetingJson(m);
        meeting["agenda"] = out;
        return meeting;
    };

    svr.Get("/api/v1/meetings",
            staff(false, [this, audit](const StaffCaller& c, const httplib::Request&,
                                       httplib::Response& res, std::int64_t now) {
                auto list = m_store.listMeetings();
                if (!list) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                json out = json::array();
                for (const auto& m : list.value()) {
                    out.push_back(meetingJson(m));
                }
                audit(c, now, "view_meetings", "");
                sendJson(res, 200, {{"meetings", out}});
            }));

    svr.Post(
        "/api/v1/meetings",
        staff(true, [this, audit, agendaJson](const StaffCaller& c, const httplib::Request& req,
                                              httplib::Response& res, std::int64_t now) {
            if (!isChair(c.user)) {
                sendError(res, 403, "forbidden", "only panel chairs arrange meetings");
                return;
            }
            const auto parsed = common::wire::parseJsonObject(req.body);
            if (!parsed) {
                sendError(res, 400, parsed.error().code, parsed.error().message);
                return;
            }
            Meeting m;
            BodyFields fields(parsed.value());
            fields.text("held_on", 10, m.heldOn, true).text("title", 120, m.title, true);
            if (fields.error()) {
                sendError(res, 400, fields.error()->first, fields.error()->second);
                return;
            }
            if (!isDay(m.heldOn)) {
                sendError(res, 400, "bad_held_on", "held_on must be a date, YYYY-MM-DD");
                return;
            }
            if (m.title.empty() || m.title.find_first_of("\r\n") != std::string::npos) {
                sendError(res, 400, "bad_title", "title must be 1 to 120 characters on one line");
                return;
            }
            std::string error;
            if (!readAttendees(parsed.value(), m.attendees, error)) {
                sendError(res, 400, "bad_attendees", error);
                return;
            }
            m.createdBy = c.user.name;
            m.createdAt = now;
            auto added = m_store.addMeeting(m);
            auto items = added ? m_store.meetingItems(added->id)
                               : common::Result<std::vector<AgendaItem>>(added.error());
            if (!added || !items) {
                sendError(res, 503, "storage_unavailable", "try again later");
                return;
            }
            audit(c, now, "meeting_add", std::to_string(added->id) + " " + m.heldOn);
            sendJson(res, 201, agendaJson(c, added.value(), items.value(), now));
        }));

    svr.Get(
        R"(/api/v1/meetings/(\d+))",
        staff(false, [this, audit, meetingOf,
                      agendaJson](const StaffCaller& c, const httplib::Request& req,
                                  httplib::Response& res, std::int64_t now) {
            const std::string format =
                req.has_param("format") ? req.get_param_value("format") : "json";
            if (format != "json" && format != "csv" && format != "md" && format != "html" &&
                format != "pdf") {
                sendError(res, 400, "bad_format", "format must be json, csv, md, html or pdf");
                return;
            }
            const auto m = meetingOf(req, res);
            if (!m) {
                return;
            }
            auto items = m_store.meetingItems(m->id);
            if (!items) {
                sendError(res, 503, "storage_unavailable", "try again later");
                return;
            }
            std::vector<AgendaItem> visible;
            for (auto& item : items.value()) {
                if (touchesWards(c.user, item)) {
                    visible.push_back(std::move(item));
                }
            }
            audit(c, now, format == "json" ? "view_meeting" : "export_meeting",
                  std::to_string(m->id) + " format=" + format);
            if (format != "json") {
                addPriorities(visible); // the patients' votes, in words
            }
            const std::string file = "meeting-" + m->heldOn;
            if (format == "csv") {
                res.set_header("Content-Disposition", "attachment; filename=\"" + file + ".csv\"");
                res.set_content(meetingCsv(*m, visible), "text/csv; charset=utf-8");
            } else if (format == "md") {
                res.set_header("Content-Disposition", "attachment; filename=\"" + file + ".md\"");
                res.set_content(meetingMarkdown(*m, visible), "text/markdown; charset=utf-8");
            } else if (format == "html") {
                res.set_content(meetingHtml(*m, visible), "text/html; charset=utf-8");
            } else if (format == "pdf") {
                auto pdf = meetingPdf(*m, visible);
                if (!pdf) {
                    logLine("error: meeting pdf: " + pdf.error().message);
                    sendError(res, 500, "pdf_failed", "the PDF could not be made");
                    return;
                }
                res.set_header("Content-Disposition", "attachment; filename=\"" + file + ".pdf\"");
                res.set_content(pdf.value(), "application/pdf");
            } else {
                sendJson(res, 200, agendaJson(c, *m, visible, now));
            }
        }));

    svr.Patch(
        R"(/api/v1/meetings/(\d+))",
        staff(true, [this, audit, meetingOf](const StaffCaller& c, const httplib::Request& req,
                                             httplib::Response& res, std::int64_t now) {
            if (!isChair(c.user)) {
                sendError(res, 403, "forbidden", "only panel chairs arrange meetings");
                return;
            }
            auto m = meetingOf(req, res);
            if (!m) {
                return;
            }
            const auto parsed = common::wire::parseJsonObject(req.body);
            if (!parsed) {
                sendError(res, 400, parsed.error().code, parsed.error().message);
                return;
            }
            const json& body = parsed.value();
            std::string heldOn;
            std::string title;
            BodyFields fields(body);
            fields.text("held_on", 10, heldOn).text("title", 120, title);
            if (fields.error()) {
                sendError(res, 400, fields.error()->first, fields.error()->second);
                return;
            }
            if (body.contains("held_on") && !isDay(heldOn)) {
                sendError(res, 400, "bad_held_on", "held_on must be a date, YYYY-MM-DD");
                return;
            }
            if (body.contains("title") &&
                (title.empty() || title.find_first_of("\r\n") != std::string::npos)) {
                sendError(res, 400, "bad_title", "title must be 1 to 120 characters on one line");
                return;
            }
            std::string error;
            std::vector<std::string> attendees;
            if (!readAttendees(body, attendees, error)) {
                sendError(res, 400, "bad_attendees", error);
                return;
            }
            if (body.contains("held_on")) {
                m->heldOn = heldOn;
            }
            if (body.contains("title")) {
                m->title = title;
            }
            if (body.contains("attendees")) {
                m->attendees = attendees;
            }
            m->updatedAt = now;
            if (auto s = m_store.updateMeeting(*m); !s) {
                sendError(res, 503, "storage_unavailable", "try again later");
                return;
            }
            audit(c, now, "meeting_change", std::to_string(m->id));
            sendJson(res, 200, meetingJson(*m));
        }));

    // Items for the agenda: the top themes of a period, chosen themes (several make one
    // merged item), or a free item the chair writes.
    svr.Post(
        R"(/api/v1/meetings/(\d+)/items)",
        staff(true, [this, audit, meetingOf](const StaffCaller& c, const httplib::Request& req,
                                             httplib::Response& res, std::int64_t now) {
            if (!isChair(c.user)) {
                sendError(res, 403, "forbidden", "only panel chairs build the agenda");
                return;
            }
            const auto m = meetingOf(req, res);
            if (!m) {
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
            std::string title;
            std::string description;
            std::int64_t top = 0;
            std::vector<std::int64_t> ids;
            BodyFields fields(body);
            fields.text("since", 40, since)
                .text("until", 40, until)
                .text("title", 200, title)
                .text("description", 4000, description)
                .integer("top", 1, 50, 0, top)
                .integers("themes", -2, 1'000'000'000, 20, ids);
            if (fields.error()) {
                sendError(res, 400, fields.error()->first, fields.error()->second);
                return;
            }
            json added = json::array();
            json linked = json::array();
            auto store = [&](const AgendaItem& item) {
                auto r = m_store.addMeetingItem(m->id, item, std::string(toString(c.user.role)));
                if (!r) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return false;
                }
                auto stored = m_store.findAgendaItem(r->id);
                if (!stored || !stored.value()) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return false;
                }
                (r->linked ? linked : added).push_back(agendaItemJson(*stored.value()));
                return true;
            };
            if (top == 0 && ids.empty()) {
                // a free item
                if (title.empty() || title.find_first_of("\r\n") != std::string::npos) {
                    sendError(res, 400, "bad_title",
                              "a free item needs a title of 1 to 200 characters on one line "
                              "(or give top or themes)");
                    return;
                }
                std::vector<std::string> wards;
                if (const auto it = body.find("wards"); it != body.end() && it->is_array()) {
                    for (const auto& w : *it) {
                        if (!w.is_string() || !common::isIdentifier(w.get<std::string>())) {
                            sendError(res, 400, "bad_wards", "wards must be ward names");
                            return;
                        }
                        wards.push_back(w.get<std::string>());
                    }
                }
                std::sort(wards.begin(), wards.end());
                wards.erase(std::unique(wards.begin(), wards.end()), wards.end());
                AgendaItem item;
                item.kind = "free";
                item.title = title;
                item.description = description;
                item.wards = wards;
                item.status = "proposed";
                item.since = m->heldOn;
                item.until = m->heldOn;
                item.evidence = "{}";
                item.createdBy = c.user.name;
                item.createdAt = now;
                if (!store(item)) {
                    return;
                }
                audit(c, now, "meeting_item_add", std::to_string(m->id) + " free");
                sendJson(res, 201, {{"items", added}, {"linked", linked}});
                return;
            }
            Period periodValue;
            auto result = trustThemes(since, until, now, res, periodValue);
            if (!result) {
                return;
            }
            const Period* period = &periodValue;
            auto itemOf = [&](const std::vector<const ThemeInsight*>& themes) {
                AgendaItem item;
                item.kind = "theme";
                item.status = "proposed";
                item.since = dateOf(period->since);
                item.until = dateOf(period->until);
                item.createdBy = c.user.name;
                item.createdAt = now;
                // several themes make one item whose figures are theirs added up
                const ThemeInsight combined = combineInsights(themes);
                json evidence = Insights::toJson(combined);
                json merged = json::array();
                for (const ThemeInsight* t : themes) {
                    item.themes.push_back(t->id);
                    merged.push_back({{"id", t->id}, {"label", t->label}});
                }
                if (themes.size() > 1) {
                    evidence["merged"] = merged;
                }
                item.wards = combined.wards;
                item.title = title.empty() ? themes.front()->label : title;
                item.evidence = evidence.dump();
                return item;
            };
            if (!ids.empty()) {
                std::vector<const ThemeInsight*> chosen;
                for (const std::int64_t id : ids) {
                    const auto it = std::find_if(result->themes.begin(), result->themes.end(),
                                                 [&](const ThemeInsight& t) { return t.id == id; });
                    if (it == result->themes.end()) {
                        sendError(res, 404, "unknown_theme",
                                  "theme " + std::to_string(id) + " has no comments in the period");
                        return;
                    }
                    chosen.push_back(&*it);
                }
                if (!store(itemOf(chosen))) {
                    return;
                }
            } else {
                // the top themes (one already open on the agenda gets the new evidence)
                std::int64_t taken = 0;
                for (const auto& t : result->themes) {
                    if (taken >= top) {
                        break;
                    }
                    ++taken;
                    if (!store(itemOf({&t}))) {
                        return;
                    }
                }
            }
            audit(c, now, "meeting_item_add",
                  std::to_string(m->id) + " added=" + std::to_string(added.size()) +
                      " linked=" + std::to_string(linked.size()));
            sendJson(res, 201, {{"items", added}, {"linked", linked}});
        }));

    svr.Put(R"(/api/v1/meetings/(\d+)/order)",
            staff(true, [this, audit, meetingOf](const StaffCaller& c, const httplib::Request& req,
                                                 httplib::Response& res, std::int64_t now) {
                if (!isChair(c.user)) {
                    sendError(res, 403, "forbidden", "only panel chairs order the agenda");
                    return;
                }
                const auto m = meetingOf(req, res);
                if (!m) {
                    return;
                }
                const auto parsed = common::wire::parseJsonObject(req.body);
                if (!parsed) {
                    sendError(res, 400, parsed.error().code, parsed.error().message);
                    return;
                }
                std::vector<std::int64_t> ids;
                BodyFields fields(parsed.value());
                fields.integers("items", 1, std::numeric_limits<std::int64_t>::max(), 500, ids);
                if (fields.error()) {
                    sendError(res, 400, fields.error()->first, fields.error()->second);
                    return;
                }
                if (auto s = m_store.orderMeeting(m->id, ids); !s) {
                    if (s.error().code == "bad_order") {
                        sendError(res, 400, "bad_order", s.error().message);
                    } else {
                        sendError(res, 503, "storage_unavailable", "try again later");
                    }
                    return;
                }
                audit(c, now, "meeting_order", std::to_string(m->id));
                sendJson(res, 200, {{"items", ids}});
            }));

    // Moves an item on: status, owner, due date, the agreed action, its title, with a note.
    svr.Patch(
        R"(/api/v1/agenda-items/(\d+))",
        staff(true, [this, audit](const StaffCaller& c, const httplib::Request& req,
                                  httplib::Response& res, std::int64_t now) {
            if (!isChair(c.user)) {
                sendError(res, 403, "forbidden",
                          "only panel chairs change agenda items (ward managers add notes)");
                return;
            }
            const auto id = pathId(req.matches[1].str());
            const auto parsed = common::wire::parseJsonObject(req.body);
            if (!parsed) {
                sendError(res, 400, parsed.error().code, parsed.error().message);
                return;
            }
            const json& body = parsed.value();
            AgendaChange change;
            std::string status;
            std::string owner;
            std::string dueOn;
            std::string action;
            std::string title;
            BodyFields fields(body);
            fields.text("status", 32, status)
                .text("owner", 120, owner)
                .text("due_on", 10, dueOn)
                .text("action", 2000, action)
                .text("title", 200, title)
                .text("note", 2000, change.note);
            if (fields.error()) {
                sendError(res, 400, fields.error()->first, fields.error()->second);
                return;
            }
            if (body.contains("status")) {
                if (!isAgendaStatus(status)) {
                    sendError(res, 400, "bad_status",
                              "status must be proposed, on_agenda, action_agreed, in_progress, "
                              "done or dropped");
                    return;
                }
                change.status = status;
            }
            if (status == "dropped" && change.note.empty()) {
                sendError(res, 400, "reason_required", "say in the note why the item is dropped");
                return;
            }
            if (body.contains("owner")) {
                change.owner = owner;
            }
            if (body.contains("due_on")) {
                if (!dueOn.empty() && !isDay(dueOn)) {
                    sendError(res, 400, "bad_due_on", "due_on must be a date, YYYY-MM-DD, or \"\"");
                    return;
                }
                change.dueOn = dueOn;
            }
            if (body.contains("action")) {
                change.action = action;
            }
            if (body.contains("title")) {
                if (title.empty() || title.find_first_of("\r\n") != std::string::npos) {
                    sendError(res, 400, "bad_title",
                              "title must be 1 to 200 characters on one line");
                    return;
                }
                change.title = title;
            }
            change.userName = c.user.name;
            change.role = std::string(toString(c.user.role));
            change.at = now;
            auto changed = id ? m_store.changeAgendaItem(*id, change)
                              : common::Result<AgendaItem>(
                                    common::makeError("not_found", "no such agenda item"));
            if (!changed) {
                if (changed.error().code == "not_found") {
                    sendError(res, 404, "not_found", "no such agenda item");
                } else {
                    sendError(res, 503, "storage_unavailable", "try again later");
                }
                return;
            }
            audit(c, now, "agenda_change",
                  std::to_string(*id) + " " + changed->actions.back().changes);
            auto item = m_store.findAgendaItem(*id);
            if (!item || !item.value()) {
                sendError(res, 503, "storage_unavailable", "try again later");
                return;
            }
            sendJson(res, 200, agendaItemJson(*item.value()));
        }));

    // A note on an item: chairs, ward managers on the items of their wards, and panel members
    // on the items of their panel (their comments, marked as theirs in the history).
    svr.Post(R"(/api/v1/agenda-items/(\d+)/notes)",
             staff(true, [this, audit](const StaffCaller& c, const httplib::Request& req,
                                       httplib::Response& res, std::int64_t now) {
                 const auto id = pathId(req.matches[1].str());
                 const auto item = visibleItem(m_store, c.user, id, res);
                 if (!item) {
                     return; // another ward's item looks missing
                 }
                 // a ward manager annotates their wards' items, not the trust-wide ones
                 if (c.user.role == Role::WardManager && item->wards.empty()) {
                     sendError(res, 404, "not_found", "no such agenda item");
                     return;
                 }
                 const auto parsed = common::wire::parseJsonObject(req.body);
                 if (!parsed) {
                     sendError(res, 400, parsed.error().code, parsed.error().message);
                     return;
                 }
                 AgendaChange change;
                 BodyFields fields(parsed.value());
                 fields.text("note", 2000, change.note, true);
                 if (fields.error() || change.note.empty()) {
                     sendError(res, 400, "bad_note", "note must be 1 to 2000 characters");
                     return;
                 }
                 change.userName = c.user.name;
                 change.role = std::string(toString(c.user.role));
                 change.at = now;
                 if (auto changed = m_store.changeAgendaItem(*id, change); !changed) {
                     sendError(res, 503, "storage_unavailable", "try again later");
                     return;
                 }
                 audit(c, now, "agenda_note", std::to_string(*id));
                 auto after = m_store.findAgendaItem(*id);
                 if (!after || !after.value()) {
                     sendError(res, 503, "storage_unavailable", "try again later");
                     return;
                 }
                 sendJson(res, 201, agendaItemJson(*after.value()));
             }));

    // A panel member's own priority vote on a proposed item: {"support": true|false}.
    svr.Post(R"(/api/v1/agenda-items/(\d+)/vote)",
             staff(true, [this, audit](const StaffCaller& c, const httplib::Request& req,
                                       httplib::Response& res, std::int64_t now) {
                 if (c.user.role != Role::PanelMember) {
                     sendError(res, 403, "forbidden", "only panel members vote on items");
                     return;
                 }
                 const auto id = pathId(req.matches[1].str());
                 const auto item = visibleItem(m_store, c.user, id, res);
                 if (!item) {
                     return;
                 }
                 const auto parsed = common::wire::parseJsonObject(req.body);
                 if (!parsed) {
                     sendError(res, 400, parsed.error().code, parsed.error().message);
                     return;
                 }
                 const auto support = parsed.value().find("support");
                 if (support == parsed.value().end() || !support->is_boolean()) {
                     sendError(res, 400, "bad_support", "support must be true or false");
                     return;
                 }
                 if (item->status != "proposed") {
                     sendError(res, 409, "not_proposed",
                               "panel members vote on proposed items; this one is " + item->status);
                     return;
                 }
                 if (auto s = m_store.setPanelVote(*id, c.user.name, support->get<bool>(), now);
                     !s) {
                     sendError(res, 503, "storage_unavailable", "try again later");
                     return;
                 }
                 audit(c, now, "panel_vote",
                       std::to_string(*id) + (support->get<bool>() ? " support" : " withdraw"));
                 auto after = m_store.findAgendaItem(*id);
                 auto panel = m_store.panelVotes();
                 if (!after || !after.value() || !panel) {
                     sendError(res, 503, "storage_unavailable", "try again later");
                     return;
                 }
                 json j = agendaItemJson(*after.value());
                 addPanelVotes(j, panel.value(), *id, c.user.name);
                 sendJson(res, 200, j);
             }));
}

} // namespace wardvoice::aggregator
