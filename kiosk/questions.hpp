// The kiosk's question set: per topic, a few short questions with fixed answers.
#pragma once

#include "common/model.hpp"
#include "common/result.hpp"

#include <map>
#include <string>
#include <vector>

namespace wardvoice::kiosk {

struct Question {
    std::string id;                   ///< e.g. "discharge.who_to_call"; text is i18n key "q.<id>"
    std::vector<std::string> answers; ///< answer ids; text is i18n key "a.<answer>"
};

struct QuestionSet {
    std::map<common::Topic, std::vector<Question>> topics;
    const std::vector<Question>& forTopic(common::Topic t) const;
};

/// Parses the JSON question set (assets/kiosk/questions.json, or "questions" of the
/// aggregator's kiosk config); ids are checked, unknown topics refused.
common::Result<QuestionSet> parseQuestionSet(const std::string& json, const std::string& origin);
common::Result<QuestionSet> loadQuestionSet(const std::string& path);

} // namespace wardvoice::kiosk
