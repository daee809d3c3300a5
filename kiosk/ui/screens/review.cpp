// The review screen.
#include "common/redact.hpp"
#include "kiosk/ui/screens/draw.hpp"
#include "kiosk/ui/screens/widgets.hpp"

#include <imgui.h>

namespace wardvoice::kiosk::ui::screens {

void review(const Flow& flow, const UiContext& ctx, const std::string& lang, UiOutput&) {
    const Draft& d = flow.state().draft;
    heading(t(ctx, lang, "review.title"));
    if (d.respondent) {
        ImGui::BulletText(
            "%s",
            t(ctx, lang, "respondent." + std::string(common::toString(*d.respondent))).c_str());
    }
    if (d.topic) {
        ImGui::BulletText("%s",
                          t(ctx, lang, "topic." + std::string(common::toString(*d.topic))).c_str());
    }
    ImGui::BulletText("%s", d.rating ? t(ctx, lang, "rating." + std::to_string(*d.rating)).c_str()
                                     : t(ctx, lang, "review.no_rating").c_str());
    for (const Question& q : flow.currentQuestions()) {
        // each topic question answered, as asked: "Was the ward clean? Yes"
        if (const auto answer = d.answers.find(q.id); answer != d.answers.end()) {
            ImGui::Bullet();
            ImGui::SameLine();
            ImGui::TextWrapped("%s %s", t(ctx, lang, "q." + q.id).c_str(),
                               t(ctx, lang, "a." + answer->second).c_str());
        }
    }
    if (d.priorityVote) {
        for (const auto& c : ctx.choices) {
            if (c.item == *d.priorityVote) {
                ImGui::BulletText("%s %s", t(ctx, lang, "review.priority").c_str(),
                                  c.title.c_str());
            }
        }
    }
    if (!d.comment.empty()) {
        // shown as it will be stored: personal details already hidden
        ImGui::Bullet();
        ImGui::SameLine();
        ImGui::TextWrapped("\"%s\"", common::redact(d.comment).c_str());
    }
    if (flow.draftRaisesConcern()) {
        // Where to get help now, in the person's language; Send stays where it is.
        const auto own = ctx.helpNow.find(lang);
        helpBox(ctx, t(ctx, lang, "review.help_title"),
                own != ctx.helpNow.end() ? own->second : t(ctx, lang, "review.help_now"));
    }
    if (!flow.state().notice.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, v4(ctx.palette->notice));
        ImGui::TextWrapped("%s", t(ctx, lang, flow.state().notice).c_str());
        ImGui::PopStyleColor();
    }
}

} // namespace wardvoice::kiosk::ui::screens
