// Compiles the safeguarding lexicons (safeguarding_lexicon.cpp) into indexed patterns.
#include "common/safeguarding_compiled.hpp"

#include "common/safeguarding_lexicon.hpp"
#include "common/screen_text.hpp"

#include <algorithm>
#include <cstdlib>

namespace wardvoice::common {

using safeguarding::bit;
using safeguarding::Cues;
using safeguarding::Defuser;
using safeguarding::Element;
using safeguarding::PartKind;
using safeguarding::Rule;
using safeguarding::WordPattern;
using screen_text::foldWord;

std::string_view SafeguardingScreen::Compiled::keep(std::string s) {
    strings.push_back(std::move(s));
    return strings.back();
}

std::size_t SafeguardingScreen::Compiled::languageIndex(std::string_view name) {
    for (std::size_t i = 0; i < languageNames.size(); ++i) {
        if (languageNames[i] == name) {
            return i;
        }
    }
    languageNames.emplace_back(name);
    cues.emplace_back();
    return languageNames.size() - 1;
}

std::optional<safeguarding::Part>
SafeguardingScreen::Compiled::compilePart(std::string_view text, const std::string& where) {
    Part part;
    if (text == "@delay") {
        part.kind = PartKind::Delay;
        return part;
    }
    if (text == "@discharge") {
        part.kind = PartKind::Discharge;
        return part;
    }
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find(' ', pos);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string_view token = text.substr(pos, end - pos);
        pos = end + 1;
        if (token.empty()) {
            continue;
        }
        Element element;
        if (token[0] == '~') {
            element.gap = std::atoi(std::string(token.substr(1)).c_str());
            if (part.elements.empty() || element.gap < 0 || element.gap > 10) {
                problems.push_back(where + ": bad gap '" + std::string(token) + "'");
                return std::nullopt;
            }
            part.elements.push_back(std::move(element));
            continue;
        }
        std::size_t a = 0;
        while (a <= token.size()) {
            std::size_t bar = token.find('|', a);
            if (bar == std::string_view::npos) {
                bar = token.size();
            }
            std::vector<WordPattern> sequence;
            const std::string_view choice = token.substr(a, bar - a);
            std::size_t w = 0;
            while (w <= choice.size()) {
                std::size_t plus = choice.find('+', w);
                if (plus == std::string_view::npos) {
                    plus = choice.size();
                }
                std::string word = foldWord(choice.substr(w, plus - w));
                const bool prefix = !word.empty() && word.back() == '*';
                if (prefix) {
                    word.pop_back();
                }
                if (word.empty() || word.find('*') != std::string::npos) {
                    problems.push_back(where + ": bad word in '" + std::string(token) + "'");
                    return std::nullopt;
                }
                sequence.push_back(WordPattern{keep(std::move(word)), prefix});
                w = plus + 1;
            }
            element.choices.push_back(std::move(sequence));
            a = bar + 1;
        }
        part.elements.push_back(std::move(element));
    }
    if (part.elements.empty() || part.elements.back().gap >= 0) {
        problems.push_back(where + ": a pattern must start and end with words");
        return std::nullopt;
    }
    return part;
}

std::vector<std::string_view> SafeguardingScreen::Compiled::splitWords(const char* list) {
    std::vector<std::string_view> out;
    std::string_view text(list);
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find(' ', pos);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        if (end > pos) {
            out.push_back(text.substr(pos, end - pos));
        }
        pos = end + 1;
    }
    return out;
}

void SafeguardingScreen::Compiled::compile() {
    for (const auto& cue : safeguarding::cues()) {
        Cues& c = cues[languageIndex(cue.language)];
        for (std::string_view w : splitWords(cue.negations)) {
            std::string folded = foldWord(w);
            if (!folded.empty() && folded.back() == '*') {
                folded.pop_back();
                c.negationPrefixes.push_back(folded);
            } else {
                c.negations.insert(folded);
            }
        }
        for (std::string_view w : splitWords(cue.clauseBreaks)) {
            c.clauseBreaks.insert(foldWord(w));
        }
        for (std::string_view w : splitWords(cue.negationStops)) {
            c.negationStops.insert(foldWord(w));
        }
    }
    for (const auto& t : safeguarding::triggers()) {
        Rule rule;
        rule.language = languageIndex(t.language);
        rule.concern = t.concern;
        const std::string where = std::string(t.language) + " '" + t.pattern + "'";
        std::string_view text(t.pattern);
        if (!text.empty() && text.front() == '?') {
            rule.weak = true;
            text.remove_prefix(1);
        }
        bool ok = true;
        while (ok) {
            const std::size_t amp = text.find(" && ");
            auto part = compilePart(text.substr(0, amp), where);
            ok = part.has_value();
            if (ok) {
                rule.parts.push_back(std::move(*part));
            }
            if (amp == std::string_view::npos) {
                break;
            }
            text = text.substr(amp + 4);
        }
        if (!ok) {
            continue;
        }
        const std::size_t id = rules.size();
        for (std::size_t p = 0; p < rule.parts.size(); ++p) {
            const Part& part = rule.parts[p];
            if (part.kind != PartKind::Words) {
                specialParts.push_back({id, p});
                continue;
            }
            for (const auto& sequence : part.elements.front().choices) {
                const WordPattern& first = sequence.front();
                (first.prefix ? prefixIndex : exactIndex)[first.text].push_back({id, p});
                if (first.prefix) {
                    longestPrefix = std::max(longestPrefix, first.text.size());
                }
            }
        }
        rules.push_back(std::move(rule));
    }
    for (const auto& d : safeguarding::defusers()) {
        Defuser defuser;
        defuser.language = languageIndex(d.language);
        defuser.before = d.before;
        for (const char* c = d.concerns; *c != '\0'; ++c) {
            switch (*c) {
            case 'S':
                defuser.concerns |= bit(ConcernClass::SelfHarm);
                break;
            case 'A':
                defuser.concerns |= bit(ConcernClass::HarmAbuse);
                break;
            case 'N':
                defuser.concerns |= bit(ConcernClass::NeglectUnsafe);
                break;
            case 'C':
                defuser.concerns |= bit(ConcernClass::ComplaintIntent);
                break;
            default:
                problems.push_back(std::string("defuser '") + d.pattern + "': bad class");
            }
        }
        auto part = compilePart(d.pattern, std::string("defuser '") + d.pattern + "'");
        if (part && part->kind == PartKind::Words) {
            defuser.part = std::move(*part);
            defusers.push_back(std::move(defuser));
        }
    }
}

} // namespace wardvoice::common
