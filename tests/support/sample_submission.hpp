// Test helper: one valid submission with a fresh id, for suites that need stored rows.
#pragma once

#include "common/model.hpp"
#include "common/uuid.hpp"

#include <string>

namespace wardvoice::test {

inline common::Submission sampleSubmission(const std::string& ward = "ward-7",
                                           const std::string& createdAt = "2026-11-23T10:15:00Z") {
    common::Submission s;
    s.id = common::newUuid();
    s.createdAt = createdAt;
    s.ward = ward;
    s.respondent = common::Respondent::Visitor;
    s.topic = common::Topic::VisitingHours;
    s.rating = 4;
    s.answers = {{"visiting_hours.hours_work", "no"}};
    s.comment = "Visiting ends before I finish work";
    s.language = "en";
    return s;
}

} // namespace wardvoice::test
