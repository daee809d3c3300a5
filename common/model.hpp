// The submission data model shared by kiosk and aggregator (protocol v1).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace wardvoice::common {

inline constexpr std::size_t kMaxCommentChars = 2000;
inline constexpr std::size_t kMaxSubmissionsPerBatch = 500;
inline constexpr std::size_t kMaxBodyBytes = 1024 * 1024;
inline constexpr std::size_t kMaxIdentifierChars = 64;
inline constexpr std::size_t kMaxAnswers = 32;

enum class Respondent { Patient, Visitor, Carer, Other };
enum class Topic { Discharge, InfectionControl, VisitingHours, General };

inline constexpr Respondent kAllRespondents[] = {Respondent::Patient, Respondent::Visitor,
                                                 Respondent::Carer, Respondent::Other};
inline constexpr Topic kAllTopics[] = {Topic::Discharge, Topic::InfectionControl,
                                       Topic::VisitingHours, Topic::General};

/// Friends and Family Test answers: 1 very good ... 5 very poor, 6 don't know.
inline constexpr int kRatingMin = 1;
inline constexpr int kRatingMax = 6;

std::string_view toString(Respondent r);
std::string_view toString(Topic t);
std::optional<Respondent> respondentFromString(std::string_view s);
std::optional<Topic> topicFromString(std::string_view s);

/// One person's feedback, as stored in the kiosk's outbox and the aggregator.
struct Submission {
    std::string id;        ///< UUID chosen by the kiosk
    std::string createdAt; ///< RFC 3339 UTC
    std::string ward;
    Respondent respondent = Respondent::Patient;
    Topic topic = Topic::General;
    std::optional<int> rating; ///< FFT answer 1..6, or none when skipped
    std::map<std::string, std::string> answers;
    std::string comment; ///< already normalised and redacted
    std::string language;
    /// The agenda item the person chose ("which should the ward work on first?"); the
    /// aggregator counts it only for an open choice of the kiosk's ward. 0 stands for a value
    /// sent that names no item (refused as bad_priority_vote; the rest is kept).
    std::optional<std::int64_t> priorityVote;
    /// Someone helped the person answer (a member of staff or family entered it for them): the
    /// FFT return counts assisted responses.
    bool assisted = false;

    bool operator==(const Submission&) const = default;
};

/// True for ids of wards, questions and answers: 1-64 of [A-Za-z0-9._-].
bool isIdentifier(std::string_view s);

/// True for a plausible BCP 47 tag ("en", "cy", "pt-BR", "zh-Hant-TW").
bool isLanguageTag(std::string_view s);

} // namespace wardvoice::common
