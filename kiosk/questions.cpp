// The kiosk's question set.
#include "kiosk/questions.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace wardvoice::kiosk {

const std::vector<Question>& QuestionSet::forTopic(common::Topic t) const {
    static const std::vector<Question> kNone;
    const auto it = topics.find(t);
    return it == topics.end() ? kNone : it->second;
}

common::Result<QuestionSet> parseQuestionSet(const std::string& text, const std::string& origin) {
    using nlohmann::json;
    const json j = json::parse(text, nullptr, false);
    auto bad = [&](const std::string& what) {
        return common::makeError("bad_questions", origin + ": " + what);
    };
    if (j.is_discarded() || !j.is_object() || !j.contains("topics") || !j["topics"].is_object()) {
        return bad("expected an object with \"topics\"");
    }
    QuestionSet set;
    for (const auto& [topicName, list] : j["topics"].items()) {
        const auto topic = common::topicFromString(topicName);
        if (!topic) {
            return bad("unknown topic \"" + topicName + "\"");
        }
        if (!list.is_array() || list.size() > 5) {
            return bad("topic \"" + topicName + "\" must be a list of at most 5 questions");
        }
        for (const json& q : list) {
            if (!q.is_object() || !q.contains("id") || !q["id"].is_string() ||
                !q.contains("answers") || !q["answers"].is_array() || q["answers"].empty() ||
                q["answers"].size() > 6) {
                return bad("each question needs an id and 1-6 answers");
            }
            Question question{q["id"].get<std::string>(), {}};
            if (!common::isIdentifier(question.id)) {
                return bad("bad question id \"" + question.id + "\"");
            }
            for (const json& a : q["answers"]) {
                if (!a.is_string() || !common::isIdentifier(a.get<std::string>())) {
                    return bad("bad answer id in " + question.id);
                }
                question.answers.push_back(a.get<std::string>());
            }
            set.topics[*topic].push_back(std::move(question));
        }
    }
    return set;
}

common::Result<QuestionSet> loadQuestionSet(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return common::makeError("bad_questions", path + ": cannot read the file");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parseQuestionSet(text.str(), path);
}

} // namespace wardvoice::kiosk
