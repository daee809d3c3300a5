// Agenda exports: Markdown, CSV and a printable HTML page.
#include "aggregator/agenda/export.hpp"

#include "aggregator/agenda/pdf.hpp"
#include "aggregator/cli/csv.hpp"
#include "common/timeutil.hpp"

namespace wardvoice::aggregator {

namespace {

using nlohmann::json;

json evidenceOf(const AgendaItem& item) {
    auto j = json::parse(item.evidence, nullptr, false);
    return j.is_object() ? j : json::object();
}

std::string text(const json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        return "";
    }
    if (it->is_string()) {
        return it->get<std::string>();
    }
    return it->dump();
}

std::string joined(const json& j, const char* key, const char* separator) {
    std::string out;
    if (auto it = j.find(key); it != j.end() && it->is_array()) {
        for (const auto& v : *it) {
            if (v.is_string()) {
                out += (out.empty() ? "" : separator) + v.get<std::string>();
            }
        }
    }
    return out;
}

std::vector<std::string> examples(const json& j) {
    std::vector<std::string> out;
    if (auto it = j.find("examples"); it != j.end() && it->is_array()) {
        for (const auto& v : *it) {
            if (v.is_string()) {
                out.push_back(v.get<std::string>());
            }
        }
    }
    return out;
}

std::string statusName(const std::string& status) {
    if (status == "on_agenda") {
        return "on agenda";
    }
    if (status == "action_agreed") {
        return "action agreed";
    }
    if (status == "in_progress") {
        return "in progress";
    }
    return status;
}

/// Whether a step of the history was the system's (the item added, evidence linked).
bool automatic(const AgendaAction& a) {
    const auto c = json::parse(a.changes, nullptr, false);
    return c.is_object() && (c.contains("added") || c.contains("evidence"));
}

std::string lastNote(const AgendaItem& item) {
    for (auto it = item.actions.rbegin(); it != item.actions.rend(); ++it) {
        if (!it->note.empty() && !automatic(*it)) {
            return it->note;
        }
    }
    return "";
}

std::string agreedAction(const AgendaItem& item) {
    return item.action.empty() ? "none agreed yet" : item.action;
}

// Markdown: a comment is quoted text; characters that would start markup are escaped.
std::string markdownText(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '\n' || c == '\r') {
            out += ' ';
            continue;
        }
        if (std::string_view("\\`*_[]<>#|").find(c) != std::string_view::npos) {
            out += '\\';
        }
        out += c;
    }
    return out;
}

} // namespace

std::string htmlEscape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

json agendaItemJson(const AgendaItem& item) {
    json actions = json::array();
    for (const auto& a : item.actions) {
        auto changes = json::parse(a.changes, nullptr, false);
        actions.push_back({{"at", common::formatRfc3339(a.at)},
                           {"user", a.userName},
                           {"role", a.role},
                           {"status", a.status},
                           {"note", a.note},
                           {"changes", changes.is_object() ? changes : json::object()},
                           {"automatic", automatic(a)}});
    }
    json history = json::array();
    for (const auto& e : item.evidenceHistory) {
        auto j = json::parse(e.evidence, nullptr, false);
        history.push_back({{"at", common::formatRfc3339(e.at)},
                           {"since", e.since},
                           {"until", e.until},
                           {"evidence", j.is_object() ? j : json::object()}});
    }
    return {
        {"id", item.id},
        {"kind", item.kind},
        {"title", item.title},
        {"description", item.description},
        {"status", item.status},
        {"status_label", statusName(item.status)},
        {"themes", item.themes},
        {"wards", item.wards},
        {"owner", item.owner},
        {"due_on", item.dueOn.empty() ? json(nullptr) : json(item.dueOn)},
        {"action", item.action.empty() ? json(nullptr) : json(item.action)},
        {"latest_note", lastNote(item).empty() ? json(nullptr) : json(lastNote(item))},
        {"since", item.since},
        {"until", item.until},
        {"evidence", evidenceOf(item)},
        {"evidence_history", history},
        {"carried", item.carried},
        {"position", item.position},
        {"created_by", item.createdBy},
        {"created_at", common::formatRfc3339(item.createdAt)},
        {"updated_at", common::formatRfc3339(item.updatedAt)},
        {"closed_at", item.closedAt ? json(common::formatRfc3339(*item.closedAt)) : json(nullptr)},
        {"actions", actions},
        {"priorities", item.priorities}};
}

json meetingJson(const Meeting& m) {
    return {{"id", m.id},
            {"held_on", m.heldOn},
            {"title", m.title},
            {"attendees", m.attendees},
            {"created_by", m.createdBy},
            {"created_at", common::formatRfc3339(m.createdAt)},
            {"updated_at", common::formatRfc3339(m.updatedAt)},
            {"items", m.items},
            {"open", m.open}};
}

namespace {

std::string markdownItems(const std::vector<AgendaItem>& items) {
    std::string out;
    int n = 0;
    for (const auto& item : items) {
        const json e = evidenceOf(item);
        out += "\n## " + std::to_string(++n) + ". " + markdownText(item.title) + "\n\n";
        out += "- Status: " + statusName(item.status) + (item.carried ? " (carried forward)" : "") +
               "\n";
        out +=
            "- Owner: " + (item.owner.empty() ? std::string("not set") : markdownText(item.owner)) +
            "\n";
        out += "- Due: " + (item.dueOn.empty() ? std::string("not set") : item.dueOn) + "\n";
        out += "- Agreed action: " + markdownText(agreedAction(item)) + "\n";
        for (const auto& p : item.priorities) {
            out += "- Patients' priority: " + markdownText(p) + "\n";
        }
        if (item.kind == "free") {
            if (!item.description.empty()) {
                out += "\n" + markdownText(item.description) + "\n";
            }
        } else {
            out += "- Category: " + markdownText(text(e, "category")) + "\n";
            out += "- Comments " + item.since + " to " + item.until + ": " + text(e, "volume") +
                   " (before: " + text(e, "previous") + "), trend: " + text(e, "trend") + "\n";
            const std::string negative = text(e, "negative_percent");
            out +=
                "- Negative: " + (negative.empty() ? "not shown (small numbers)" : negative + "%") +
                "\n";
            out += "- Wards: " + markdownText(joined(e, "wards", ", ")) + "\n";
            out += "- Agenda score: " + text(e, "score") + "\n";
            for (const auto& example : examples(e)) {
                out += "\n> " + markdownText(example) + "\n";
            }
        }
        if (const std::string note = lastNote(item); !note.empty()) {
            out += "\nLatest note: " + markdownText(note) + "\n";
        }
    }
    if (items.empty()) {
        out += "\nNo items yet.\n";
    }
    return out;
}

std::string attendeesText(const Meeting& m) {
    std::string out;
    for (const auto& a : m.attendees) {
        out += (out.empty() ? "" : ", ") + a;
    }
    return out.empty() ? "not recorded" : out;
}

} // namespace

std::string agendaMarkdown(const std::vector<AgendaItem>& items, const std::string& since,
                           const std::string& until) {
    return "# Patient experience panel agenda\n\nFeedback from " + since + " to " + until +
           ". Counts under 5 are shown as \"fewer than 5\".\n" + markdownItems(items);
}

std::string meetingMarkdown(const Meeting& m, const std::vector<AgendaItem>& items) {
    return "# " + markdownText(m.title) + "\n\nMeeting on " + m.heldOn +
           ". Attendees: " + markdownText(attendeesText(m)) +
           ". Counts under 5 are shown as \"fewer than 5\".\n" + markdownItems(items);
}

std::string agendaCsv(const std::vector<AgendaItem>& items) {
    std::string out =
        csvRow({"id", "status", "title", "category", "volume", "negative_percent", "trend", "wards",
                "example_1", "example_2", "example_3", "score", "last_note"});
    for (const auto& item : items) {
        const json e = evidenceOf(item);
        auto ex = examples(e);
        ex.resize(3);
        out += csvRow({std::to_string(item.id), item.status, item.title, text(e, "category"),
                       text(e, "volume"), text(e, "negative_percent"), text(e, "trend"),
                       joined(e, "wards", " "), ex[0], ex[1], ex[2], text(e, "score"),
                       lastNote(item)});
    }
    return out;
}

std::string meetingCsv(const Meeting& m, const std::vector<AgendaItem>& items) {
    std::string out = csvRow({"meeting_date",
                              "meeting_title",
                              "position",
                              "id",
                              "kind",
                              "status",
                              "title",
                              "owner",
                              "due_on",
                              "agreed_action",
                              "category",
                              "volume",
                              "negative_percent",
                              "trend",
                              "wards",
                              "example_1",
                              "example_2",
                              "example_3",
                              "score",
                              "last_note",
                              "carried",
                              "patients_priority"});
    int n = 0;
    for (const auto& item : items) {
        const json e = evidenceOf(item);
        auto ex = examples(e);
        ex.resize(3);
        std::string wards;
        for (const auto& w : item.wards) {
            wards += (wards.empty() ? "" : " ") + w;
        }
        std::string priorities;
        for (const auto& p : item.priorities) {
            priorities += (priorities.empty() ? "" : "; ") + p;
        }
        out += csvRow({m.heldOn,
                       m.title,
                       std::to_string(++n),
                       std::to_string(item.id),
                       item.kind,
                       item.status,
                       item.title,
                       item.owner,
                       item.dueOn,
                       item.action,
                       text(e, "category"),
                       text(e, "volume"),
                       text(e, "negative_percent"),
                       text(e, "trend"),
                       wards,
                       ex[0],
                       ex[1],
                       ex[2],
                       text(e, "score"),
                       lastNote(item),
                       item.carried ? "yes" : "no",
                       priorities});
    }
    return out;
}

namespace {

std::string htmlPage(const std::string& title, const std::string& intro,
                     const std::vector<AgendaItem>& items) {
    // The stylesheet twice: linked (the server's CSP allows no inline style) and inline (for a
    // copy saved and opened from disk).
    std::string out =
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>" +
        htmlEscape(title) +
        "</title><link rel=\"stylesheet\" href=\"/agenda-print.css\"><style>body{font:12pt/1.4 "
        "'DejaVu Sans',Arial,sans-serif;color:#111;"
        "max-width:50em;margin:2em auto}h1{font-size:18pt}h2{font-size:14pt;margin-top:1.5em;"
        "border-top:1px solid #888;padding-top:.5em}blockquote{margin:.4em 0 .4em 1em;padding-left:"
        ".6em;border-left:3px solid "
        "#555;white-space:pre-wrap}dl{display:grid;grid-template-columns:"
        "auto 1fr;gap:.2em 1em}dt{font-weight:bold}@media print{h2{break-after:avoid}}</style>"
        "</head><body><h1>" +
        htmlEscape(title) + "</h1><p>" + htmlEscape(intro) + "</p>\n";
    int n = 0;
    for (const auto& item : items) {
        const json e = evidenceOf(item);
        const std::string negative = text(e, "negative_percent");
        out += "<section><h2>" + std::to_string(++n) + ". " + htmlEscape(item.title) + "</h2><dl>";
        out += "<dt>Status</dt><dd>" + htmlEscape(statusName(item.status)) +
               (item.carried ? " (carried forward)" : "") + "</dd>";
        out += "<dt>Owner</dt><dd>" + htmlEscape(item.owner.empty() ? "not set" : item.owner) +
               "</dd>";
        out +=
            "<dt>Due</dt><dd>" + htmlEscape(item.dueOn.empty() ? "not set" : item.dueOn) + "</dd>";
        out += "<dt>Agreed action</dt><dd>" + htmlEscape(agreedAction(item)) + "</dd>";
        for (const auto& p : item.priorities) {
            out += "<dt>Patients' priority</dt><dd>" + htmlEscape(p) + "</dd>";
        }
        if (item.kind == "free") {
            out += "</dl>";
            if (!item.description.empty()) {
                out += "<p>" + htmlEscape(item.description) + "</p>";
            }
        } else {
            out += "<dt>Category</dt><dd>" + htmlEscape(text(e, "category")) + "</dd>";
            out += "<dt>Comments</dt><dd>" + htmlEscape(text(e, "volume")) + " from " +
                   htmlEscape(item.since) + " to " + htmlEscape(item.until) + ", " +
                   htmlEscape(text(e, "previous")) + " before; trend " +
                   htmlEscape(text(e, "trend")) + "</dd>";
            out += "<dt>Negative</dt><dd>" +
                   htmlEscape(negative.empty() ? "not shown (small numbers)" : negative + "%") +
                   "</dd>";
            out += "<dt>Wards</dt><dd>" + htmlEscape(joined(e, "wards", ", ")) + "</dd>";
            out += "<dt>Score</dt><dd>" + htmlEscape(text(e, "score")) + "</dd></dl>";
            for (const auto& example : examples(e)) {
                out += "<blockquote>" + htmlEscape(example) + "</blockquote>";
            }
        }
        if (const std::string note = lastNote(item); !note.empty()) {
            out += "<p><strong>Latest note:</strong> " + htmlEscape(note) + "</p>";
        }
        out += "</section>\n";
    }
    if (items.empty()) {
        out += "<p>No items yet.</p>";
    }
    out += "</body></html>\n";
    return out;
}

} // namespace

std::string agendaHtml(const std::vector<AgendaItem>& items, const std::string& since,
                       const std::string& until) {
    return htmlPage("Patient experience panel agenda",
                    "Feedback from " + since + " to " + until +
                        ". Counts under 5 are shown as \"fewer than 5\".",
                    items);
}

std::string meetingHtml(const Meeting& m, const std::vector<AgendaItem>& items) {
    return htmlPage(m.title + " (" + m.heldOn + ")",
                    "Meeting on " + m.heldOn + ". Attendees: " + attendeesText(m) +
                        ". Counts under 5 are shown as \"fewer than 5\".",
                    items);
}

common::Result<std::string> meetingPdf(const Meeting& m, const std::vector<AgendaItem>& items) {
    PdfDocument pdf(m.title + " (" + m.heldOn + ")");
    pdf.heading(m.title);
    pdf.paragraph("Meeting on " + m.heldOn + ". Attendees: " + attendeesText(m) + ".");
    pdf.muted("Counts under 5 are shown as \"fewer than 5\". Comments are as patients wrote "
              "them, with names and contact details taken out.");
    int n = 0;
    for (const auto& item : items) {
        const json e = evidenceOf(item);
        pdf.rule();
        pdf.heading(std::to_string(++n) + ". " + item.title, 2);
        pdf.field("Status",
                  statusName(item.status) + (item.carried ? " (carried forward)" : std::string()));
        pdf.field("Owner", item.owner.empty() ? "not set" : item.owner);
        pdf.field("Due", item.dueOn.empty() ? "not set" : item.dueOn);
        pdf.field("Agreed action", agreedAction(item));
        for (const auto& p : item.priorities) {
            pdf.field("Patients' priority", p);
        }
        if (item.kind == "free") {
            if (!item.description.empty()) {
                pdf.paragraph(item.description);
            }
        } else {
            const std::string negative = text(e, "negative_percent");
            pdf.field("Category", text(e, "category"));
            pdf.field("Comments", text(e, "volume") + " from " + item.since + " to " + item.until +
                                      ", " + text(e, "previous") + " before; trend " +
                                      text(e, "trend"));
            pdf.field("Negative", negative.empty() ? "not shown (small numbers)" : negative + "%");
            pdf.field("Wards", joined(e, "wards", ", "));
            for (const auto& example : examples(e)) {
                pdf.quote(example);
            }
        }
        if (const std::string note = lastNote(item); !note.empty()) {
            pdf.field("Latest note", note);
        }
    }
    if (items.empty()) {
        pdf.paragraph("No items yet.");
    }
    return pdf.finish();
}

} // namespace wardvoice::aggregator
