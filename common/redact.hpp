// PII redaction of free text: emails, UK phone numbers, NHS numbers, postcodes, dates, names.
#pragma once

#include <string>
#include <string_view>

namespace wardvoice::common {

/// Counts of what `redact` replaced, for tests and for the aggregator's audit.
struct RedactionCounts {
    int emails = 0;
    int phones = 0;
    int nhsNumbers = 0;
    int postcodes = 0;
    int dates = 0;
    int names = 0;
    int total() const { return emails + phones + nhsNumbers + postcodes + dates + names; }
};

/// Replaces personal identifiers in `text` with `[email]`, `[phone]`, `[nhs-number]`,
/// `[postcode]`, `[date]` and `[name]`. Dates are redacted only when they carry a day, a month and
/// a year (the shape of a date of birth); times, doses, ward and bed numbers are left alone. Names
/// are redacted where the text marks them as names: after a title or role ("Dr Patel",
/// "Nurse Sarah") and common given names with a capital ("then Sarah was rude").
/// Idempotent: redacting redacted text changes nothing.
std::string redact(std::string_view text, RedactionCounts* counts = nullptr);

} // namespace wardvoice::common
