// The review screen.
#include "common/redact.hpp"
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <imgui.h>

namespace wardvoice::kiosk::ui::screens {

namespace {

/// The redactor's tags ([phone], [email]) in the person's language, for them to read: what is
/// stored and sent keeps the protocol's English tags.
std::string localTags(const UiContext& ctx, const std::string& lang, std::string text) {
    for (const char* tag : {"email", "date", "nhs-number", "phone", "postcode", "name"}) {
        const std::string from = std::string("[") + tag + "]";
        std::string to = "["; // (built up: GCC 12 misreads "[" + string as an overlap)
        to += t(ctx, lang, std::string("redact.") + tag);
        to += ']';
        for (std::size_t at = text.find(from); at != std::string::npos;
             at = text.find(from, at + to.size())) {
            text.replace(at, from.size(), to);
        }
    }
    return text;
}

} // namespace

void review(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput&) {
    const Draft& d = flow.state().draft;
    heading(t(ctx, lang, "review.title"));
    const auto bullet = [](const std::string& text) {
        ImGui::BulletText("%s", text.c_str());
        spoken(text);
    };
    if (d.respondent) {
        bullet(t(ctx, lang, "respondent." + std::string(common::toString(*d.respondent))));
    }
    if (d.assisted) {
        bullet(t(ctx, lang, "review.assisted"));
    }
    if (d.topic) {
        bullet(t(ctx, lang, "topic." + std::string(common::toString(*d.topic))));
    }
    bullet(d.rating ? t(ctx, lang, "rating." + std::to_string(*d.rating))
                    : t(ctx, lang, "review.no_rating"));
    for (const Question& q : flow.currentQuestions()) {
        // each topic question answered, as asked: "Was the ward clean? Yes"
        if (const auto answer = d.answers.find(q.id); answer != d.answers.end()) {
            ImGui::Bullet();
            ImGui::SameLine();
            body(forRespondent(ctx, lang, d, "q." + q.id) + " " +
                 forRespondent(ctx, lang, d, "a." + answer->second));
        }
    }
    if (d.priorityVote) {
        for (const auto& c : ctx.choices) {
            if (c.item == *d.priorityVote) {
                bullet(t(ctx, lang, "review.priority") + " " + c.title);
            }
        }
    }
    if (!d.comment.empty()) {
        // shown as it will be stored: personal details already hidden
        ImGui::Bullet();
        ImGui::SameLine();
        const std::string shown = localTags(ctx, lang, common::redact(d.comment));
        body("\"" + shown + "\"");
        traceLastItem(ctx.trace, "comment_shown:" + shown);
    }
    if (flow.draftRaisesConcern()) {
        // Where to get help now, in the person's language; Send stays where it is.
        const auto own = ctx.helpNow.find(lang);
        helpBox(ctx, t(ctx, lang, "review.help_title"),
                own != ctx.helpNow.end() ? own->second : t(ctx, lang, "review.help_now"));
    }
    drawNotice(flow, ctx, lang);
}

} // namespace wardvoice::kiosk::ui::screens
