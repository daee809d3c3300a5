// The ward poster (see poster.hpp).
#include "aggregator/agenda/poster.hpp"

#include "aggregator/agenda/pdf.hpp"
#include "aggregator/agenda/suppression.hpp"
#include "common/timeutil.hpp"
#include "common/utf8.hpp"

#include <cmath>
#include <map>

namespace wardvoice::aggregator {

namespace {

constexpr std::int64_t kDay = 86400;

std::string monthName(const std::string& month) {
    static const char* const kNames[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    const int m = std::stoi(month.substr(5, 2));
    return std::string(kNames[(m - 1) % 12]) + " " + month.substr(0, 4);
}

} // namespace

common::Result<PosterContent> posterContent(Store& store, Insights& insights,
                                            const std::string& ward, const std::string& month) {
    const auto range = monthRange(month);
    if (!range) {
        return common::makeError("bad_month", "month must be YYYY-MM");
    }
    PosterContent p;
    p.ward = ward;
    p.month = month;
    auto names = store.wardNames();
    if (!names) {
        return names.error();
    }
    const auto named = names.value().find(ward);
    p.wardName = named != names.value().end() && !named->second.empty() ? named->second : ward;
    auto fft = fftCounts(store, {ward}, range->first, range->second);
    if (!fft) {
        return fft.error();
    }
    p.fft = fft.value()[ward];
    auto themes =
        insights.themes({{ward}, std::nullopt, range->first, range->second}, range->second);
    if (!themes) {
        return themes.error();
    }
    for (const ThemeInsight& t : themes->themes) {
        if (p.raised.size() < 3 && t.current >= static_cast<std::size_t>(kSmallNumber)) {
            p.raised.push_back(t.label);
        }
    }
    // what the panel agreed for the ward (or the whole trust) up to the month's end
    const std::string since = common::formatRfc3339(range->second - 400 * kDay).substr(0, 10);
    const std::string until = common::formatRfc3339(range->second).substr(0, 10);
    auto items = store.listAgendaItems(since, until);
    if (!items) {
        return items.error();
    }
    // where patients chose the item, they know it by the choice's patient-facing words
    auto choices = store.listChoices(ward);
    if (!choices) {
        return choices.error();
    }
    std::map<std::int64_t, const AgendaChoice*> chosen;
    for (const AgendaChoice& c : choices.value()) {
        chosen[c.itemId] = &c; // oldest first: the latest words win
    }
    for (AgendaItem& item : items.value()) {
        const bool ours = item.wards.empty() ||
                          std::find(item.wards.begin(), item.wards.end(), ward) != item.wards.end();
        const bool moving =
            item.status == "action_agreed" || item.status == "in_progress" ||
            (item.status == "done" && item.closedAt && *item.closedAt >= range->first - 60 * kDay);
        if (ours && moving && !item.action.empty() && item.createdAt < range->second) {
            if (const auto c = chosen.find(item.id); c != chosen.end()) {
                const auto title = c->second->titles.find("en");
                const auto doing = c->second->doing.find("en");
                if (title != c->second->titles.end() && !title->second.empty()) {
                    item.title = title->second;
                }
                if (doing != c->second->doing.end() && !doing->second.empty()) {
                    item.action = doing->second;
                }
            }
            p.agreed.push_back(std::move(item));
        }
    }
    return p;
}

common::Result<std::string> panelJoinWords(std::string_view text) {
    auto clean = common::utf8::normalise(text);
    if (!clean) {
        return common::makeError("bad_panel_join", "the panel's joining words must be UTF-8 text");
    }
    const std::size_t length = common::utf8::length(clean.value());
    if (length == 0 || length > kPanelJoinMaxChars) {
        return common::makeError("bad_panel_join", "the panel's joining words must be 1 to " +
                                                       std::to_string(kPanelJoinMaxChars) +
                                                       " characters (got " +
                                                       std::to_string(length) + ")");
    }
    return clean;
}

common::Result<std::string> posterPdf(const PosterContent& p, const std::string& join) {
    PdfDocument pdf(p.wardName + ": you said, we did (" + monthName(p.month) + ")");
    pdf.heading(p.wardName + ": you said, we did");
    pdf.muted(monthName(p.month));
    pdf.rule();
    pdf.heading("How we did", 2);
    const std::vector<std::int64_t> cells(p.fft.answers.begin(), p.fft.answers.end());
    const GroupSuppression g = suppressGroup(cells, p.fft.total);
    const auto percent = shownPercent(cells, g, p.fft.total, {0, 1});
    if (p.fft.total < kSmallNumber) {
        pdf.paragraph("Fewer than 5 people answered the Friends and Family Test this month, so "
                      "we do not show a figure.");
    } else if (percent.is_number()) {
        pdf.paragraph(std::to_string(static_cast<int>(std::lround(percent.get<double>()))) +
                      "% of the " + std::to_string(p.fft.total) +
                      " people who answered said their experience of the ward was good or "
                      "very good.");
    } else {
        pdf.paragraph(std::to_string(p.fft.total) +
                      " people answered the Friends and Family Test this month.");
    }
    pdf.heading("What you told us most", 2);
    if (p.raised.empty()) {
        pdf.paragraph("Too few comments this month to say.");
    }
    for (std::size_t i = 0; i < p.raised.size(); ++i) {
        pdf.paragraph(std::to_string(i + 1) + ". " + p.raised[i]);
    }
    pdf.heading("What we agreed, and what we did", 2);
    if (p.agreed.empty()) {
        pdf.paragraph("The patient panel has not agreed an action for this ward yet.");
    }
    for (const AgendaItem& item : p.agreed) {
        const char* state = item.status == "done"          ? "Done"
                            : item.status == "in_progress" ? "Under way"
                                                           : "Agreed";
        pdf.field(state, item.action);
        pdf.muted("You said: " + item.title);
    }
    pdf.rule();
    pdf.heading("Join our patient and carer panel", 2);
    pdf.paragraph(join);
    pdf.muted("Counts under 5 are not shown. No comment on this poster can name anyone.");
    return pdf.finish();
}

} // namespace wardvoice::aggregator
