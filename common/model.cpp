// The submission data model shared by kiosk and aggregator (protocol v1).
#include "model.hpp"

#include <cctype>

namespace wardvoice::common {

std::string_view toString(Respondent r) {
    switch (r) {
    case Respondent::Patient:
        return "patient";
    case Respondent::Visitor:
        return "visitor";
    case Respondent::Carer:
        return "carer";
    case Respondent::Other:
        return "other";
    }
    return "other";
}

std::string_view toString(Topic t) {
    switch (t) {
    case Topic::Discharge:
        return "discharge";
    case Topic::InfectionControl:
        return "infection_control";
    case Topic::VisitingHours:
        return "visiting_hours";
    case Topic::General:
        return "general";
    }
    return "general";
}

std::optional<Respondent> respondentFromString(std::string_view s) {
    for (const Respondent r : kAllRespondents) {
        if (toString(r) == s) {
            return r;
        }
    }
    return std::nullopt;
}

std::optional<Topic> topicFromString(std::string_view s) {
    for (const Topic t : kAllTopics) {
        if (toString(t) == s) {
            return t;
        }
    }
    return std::nullopt;
}

bool isIdentifier(std::string_view s) {
    if (s.empty() || s.size() > kMaxIdentifierChars) {
        return false;
    }
    for (const char c : s) {
        if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '.' && c != '_' && c != '-') {
            return false;
        }
    }
    return true;
}

bool isLanguageTag(std::string_view s) {
    if (s.empty() || s.size() > 35) {
        return false;
    }
    std::size_t start = 0;
    bool first = true;
    while (start <= s.size()) {
        const std::size_t dash = s.find('-', start);
        const std::size_t end = dash == std::string_view::npos ? s.size() : dash;
        const std::string_view part = s.substr(start, end - start);
        if (first) {
            if (part.size() < 2 || part.size() > 3) {
                return false;
            }
            for (const char c : part) {
                if (std::isalpha(static_cast<unsigned char>(c)) == 0) {
                    return false;
                }
            }
        } else {
            if (part.empty() || part.size() > 8) {
                return false;
            }
            for (const char c : part) {
                if (std::isalnum(static_cast<unsigned char>(c)) == 0) {
                    return false;
                }
            }
        }
        first = false;
        if (dash == std::string_view::npos) {
            break;
        }
        start = dash + 1;
    }
    return true;
}

} // namespace wardvoice::common
