// The on-screen keyboard for the comment.
#include "kiosk/ui/keyboard.hpp"

#include "common/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <imgui.h>
#include <imgui_internal.h> // ImGui::GetItemID

namespace wardvoice::kiosk::ui {
namespace {

std::vector<std::string> splitChars(const std::string& s) {
    std::vector<std::string> out;
    auto cps = common::utf8::decode(s);
    if (!cps) {
        return out;
    }
    for (const char32_t cp : cps.value()) {
        std::string one;
        common::utf8::append(one, cp);
        out.push_back(one);
    }
    return out;
}

/// Upper case for the letters on our keyboards (ASCII, Latin-1/Extended-A pairs, Cyrillic).
/// Turkish pairs i with İ and ı with I.
std::string upperOf(const std::string& ch, const std::string& language) {
    auto cps = common::utf8::decode(ch);
    if (!cps || cps->size() != 1) {
        return ch;
    }
    char32_t c = (*cps)[0];
    if (language == "tr" && (c == U'i' || c == U'\u0131')) {
        c = c == U'i' ? U'\u0130' : U'I';
    } else if (c >= 'a' && c <= 'z') {
        c -= 32;
    } else if ((c >= 0xE0 && c <= 0xFE && c != 0xF7)) {
        c -= 32;
    } else if (c >= 0x100 && c <= 0x17F) {
        // Latin Extended-A alternates upper/lower; ł (0x142) and ń (0x144), ź ż (0x17A, 0x17C) are
        // odd
        const bool oddLower = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
        if (oddLower ? (c % 2 == 0) : (c % 2 == 1)) {
            c -= 1;
        }
    } else if (c >= 0x218 && c <= 0x21B) {
        if (c % 2 == 1) {
            c -= 1;
        }
    } else if (c >= 0x430 && c <= 0x44F) {
        c -= 32;
    } else if (c >= 0x450 && c <= 0x45F) {
        c -= 80;
    } else if (c == 0x491) {
        c = 0x490;
    }
    std::string out;
    common::utf8::append(out, c);
    return out;
}

/// A Latin keyboard's letters beyond QWERTY: where the language's own keyboard puts a letter
/// after L (Spanish ñ, Portuguese ç), it goes there; the rest are on a row of their own.
struct LatinExtras {
    const char* afterL;
    const char* accents;
    const char* afterM = ""; ///< after M: the Italian apostrophe, the Portuguese ô
};

LatinExtras extrasFor(const std::string& language) {
    if (language == "cy") {
        return {"", "âêîôûŵŷïëá"}; // the circumflexes, then the commonest others
    }
    if (language == "pl") {
        return {"", "ąćęłńóśźż"};
    }
    if (language == "ro") {
        return {"", "ăâîșț"};
    }
    if (language == "pt") {
        return {"ç", "áàâãéêíóõú", "ô"};
    }
    if (language == "es") {
        return {"ñ", "áéíóúü¿¡"};
    }
    if (language == "it") {
        return {"", "àèéìòù", "'"}; // l'ospedale, c'è: Italian needs the apostrophe at hand
    }
    if (language == "lt") {
        return {"", "ąčęėįšųūž"};
    }
    if (language == "tr") {
        return {"", "çğıöşü"};
    }
    return {"", "éèêëàâçïöü"}; // café, naïve, façade: words English borrowed with their accents
}

} // namespace

std::vector<std::vector<std::string>> keyboardRows(const std::string& language,
                                                   const KeyboardState& state) {
    std::vector<std::string> letters;
    const bool cyrillic = language == "uk" && !state.alternate;
    if (cyrillic) {
        // the fourth row is punctuation, so that both layers have as many rows
        // ЙЦУКЕН, each row cut to ten keys (12 mm wide on a 7-inch screen): х ї move down
        // to the fourth row, with ґ, the apostrophe and punctuation
        letters = {"йцукенгшщз", "фівапролдж", "ячсмитьбює", "хїґ'?!-:"};
    } else if (state.alternate && language != "uk") {
        letters = {"1234567890", "-/:;()£&@\"", ".,?!'%+=*#"};
    } else {
        const LatinExtras extras = extrasFor(language);
        letters = {"qwertyuiop", std::string("asdfghjkl") + extras.afterL,
                   std::string("zxcvbnm") + extras.afterM};
        if (language == "uk") {
            letters[1] += "@"; // the Latin layer is for e-mail addresses and phone numbers
            letters[2] += "+";
        }
    }
    // Digits sit on the second layer (or, for Ukrainian, with the Latin letters): a comment
    // rarely needs them, and a phone number is exactly what it should not hold.
    std::vector<std::vector<std::string>> rows;
    if (language == "uk" && state.alternate) {
        rows.push_back(splitChars("1234567890")); // an e-mail address or a phone number
    }
    for (const std::string& row : letters) {
        rows.push_back(splitChars(row));
    }
    // The accented letters stay on both layers: switching layers never moves a key's row.
    if (language != "uk") {
        rows.push_back(splitChars(extrasFor(language).accents));
    }
    if (state.shift) {
        for (auto& row : rows) {
            for (auto& key : row) {
                key = upperOf(key, language);
            }
        }
    }
    // punctuation every language needs: after M, as on a computer's keyboard, or for
    // Ukrainian on its punctuation row
    if (language == "uk") {
        rows.back().push_back(",");
        rows.back().push_back(".");
    } else if (!state.alternate) {
        rows[2].push_back(",");
        rows[2].push_back(".");
    }
    return rows;
}

std::string applyKey(const std::string& text, const std::string& key, std::size_t maxChars) {
    if (key == "\b") {
        return text.substr(0, common::utf8::lastCharStart(text));
    }
    if (common::utf8::length(text) + common::utf8::length(key) > maxChars) {
        return text;
    }
    return text + key;
}

bool hasPhrase(const std::string& text, const std::string& phrase) {
    return !phrase.empty() && text.find(phrase) != std::string::npos;
}

std::string addPhrase(const std::string& text, const std::string& phrase, std::size_t maxChars) {
    if (hasPhrase(text, phrase)) {
        return text;
    }
    return applyKey(text, (text.empty() ? "" : ". ") + phrase, maxChars);
}

std::size_t wordCount(const std::string& text) {
    std::size_t words = 0;
    bool inWord = false;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t';
        if (!space && !inWord) {
            ++words;
        }
        inWord = !space;
    }
    return words;
}

namespace {

/// 2 mm between keys, as between any two targets.
float keyGap(const Metrics& metrics) {
    return std::max(metrics.padding * 0.5f, metrics.gap);
}

/// 12 mm tall, and never shorter than a line of text plus its padding, so no label is clipped.
float keyHeight(const Metrics& metrics) {
    return std::max({metrics.target, metrics.fontPx * 1.45f,
                     ImGui::GetFontSize() + 2 * ImGui::GetStyle().FramePadding.y});
}

} // namespace

float keyboardHeight(const std::string& language, const KeyboardState& state,
                     const Metrics& metrics) {
    const auto rows = static_cast<float>(keyboardRows(language, state).size() + 1); // + bottom
    return rows * keyHeight(metrics) + (rows - 1) * keyGap(metrics);
}

std::optional<std::string> drawKeyboard(const std::string& text, const std::string& language,
                                        KeyboardState& state, const Palette& palette,
                                        const Metrics& metrics, std::size_t maxChars,
                                        const std::string& spaceLabel,
                                        std::vector<TraceItem>* trace, FocusRing* focus,
                                        const std::string& doneLabel, const KeySpeech* speech) {
    auto control = [&](const std::string& id) {
        traceLastItem(trace, id);
        if (focus != nullptr) {
            focus->control();
        }
    };
    static const KeySpeech kSilent;
    const KeySpeech& words = speech != nullptr ? *speech : kSilent;
    auto said = [&](const std::string& spoken) {
        if (words.labels != nullptr) {
            (*words.labels)[ImGui::GetItemID()] = spoken;
        }
    };
    // a key in the button colour: Shift while it is on, and Done
    auto pushLit = [&]() {
        const ImVec4 lit(palette.button.r, palette.button.g, palette.button.b, 1);
        ImGui::PushStyleColor(ImGuiCol_Button, lit);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, lit);
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(palette.buttonText.r, palette.buttonText.g,
                                                    palette.buttonText.b, 1));
    };
    std::optional<std::string> result;
    const auto rows = keyboardRows(language, state);
    const float gap = keyGap(metrics);
    const float width = ImGui::GetContentRegionAvail().x;
    // keys as wide on both layers, so that switching never moves one sideways
    std::size_t widest = 0;
    for (const bool alternate : {false, true}) {
        KeyboardState other = state;
        other.alternate = alternate;
        for (const auto& row : keyboardRows(language, other)) {
            widest = std::max(widest, row.size());
        }
    }
    // A tap is taken on the layout the person saw: when the keys are not where the last
    // frame drew them (just opened, scrolled, another layer), this frame's presses are dropped
    // and another frame is drawn.
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const bool moved = !state.drawnAt || std::abs(state.drawnAt->x - origin.x) > 0.5f ||
                       std::abs(state.drawnAt->y - origin.y) > 0.5f ||
                       state.drawnAlternate != state.alternate;
    state.drawnAt = origin;
    state.drawnAlternate = state.alternate;
    state.moved = moved;
    const float keyW = (width - gap * static_cast<float>(widest - 1)) / static_cast<float>(widest);
    const float keyH = keyHeight(metrics);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    const ImVec4 keyColour(palette.secondary.r, palette.secondary.g, palette.secondary.b, 1);
    ImGui::PushStyleColor(ImGuiCol_Button, keyColour);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, keyColour); // no hover on a touch screen
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(palette.secondaryText.r, palette.secondaryText.g,
                                                palette.secondaryText.b, 1));
    int id = 0;
    for (const auto& row : rows) {
        const float rowWidth =
            keyW * static_cast<float>(row.size()) + gap * static_cast<float>(row.size() - 1);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (width - rowWidth) * 0.5f);
        for (std::size_t k = 0; k < row.size(); ++k) {
            ImGui::PushID(id++);
            const bool pressed = ImGui::Button(row[k].c_str(), ImVec2(keyW, keyH)) && !moved;
            control("key:" + row[k]);
            said(row[k]);
            if (pressed) {
                result = applyKey(text, row[k], maxChars);
                state.shift = false;
            }
            ImGui::PopID();
            if (k + 1 < row.size()) {
                ImGui::SameLine();
            }
        }
    }
    // bottom row: shift, layer switch, space, backspace (and Done, when the keyboard has the
    // whole screen)
    const bool hasDone = !doneLabel.empty();
    const float gaps = hasDone ? 4.0f : 3.0f;
    const float small = (width - gaps * gap) * (hasDone ? 0.16f : 0.18f);
    const float space = width - gaps * small - gaps * gap; // the rest: the widest key
    // ⇧, lit in the button colour while the next letter will be a capital
    const bool shifted = state.shift;
    if (shifted) {
        pushLit();
    }
    const bool shift = ImGui::Button("\u21e7", ImVec2(small, keyH)) && !moved;
    if (shifted) {
        ImGui::PopStyleColor(3);
    }
    control("key:shift");
    said(words.shift);
    if (shift) {
        state.shift = !state.shift;
    }
    ImGui::SameLine();
    const char* layer =
        language == "uk" ? (state.alternate ? "АБВ" : "ABC") : (state.alternate ? "abc" : "?123");
    const bool switchLayer = ImGui::Button(layer, ImVec2(small, keyH)) && !moved;
    control("key:layer");
    said(state.alternate ? words.letters : words.symbols);
    if (switchLayer) {
        state.alternate = !state.alternate;
        state.shift = false;
    }
    ImGui::SameLine();
    const bool spaced =
        ImGui::Button((spaceLabel + "##space").c_str(), ImVec2(space, keyH)) && !moved;
    control("key:space");
    said(spaceLabel);
    if (spaced) {
        result = applyKey(text, " ", maxChars);
    }
    ImGui::SameLine();
    const bool back = ImGui::Button("\u232b", ImVec2(small, keyH)) && !moved; // ⌫
    control("key:backspace");
    said(words.backspace);
    if (back) {
        result = applyKey(text, "\b", maxChars);
    }
    if (hasDone) {
        ImGui::SameLine();
        pushLit();
        const bool done =
            ImGui::Button((doneLabel + "##done").c_str(), ImVec2(small, keyH)) && !moved;
        ImGui::PopStyleColor(3);
        control("key:done");
        said(doneLabel);
        if (done) {
            state.closeRequested = true;
        }
    }
    ImGui::PopStyleColor(3);
    ImGui::PopStyleVar();
    return result;
}

} // namespace wardvoice::kiosk::ui
