// Time-ordered (version 7) UUIDs for submissions, and checking ones that arrive from outside.
#pragma once

#include <string>
#include <string_view>

namespace wardvoice::common {

/// A fresh version-7 UUID (RFC 9562: Unix milliseconds, then 74 random bits from OpenSSL's
/// CSPRNG) in canonical lower-case form. Any UUID version is accepted from other clients.
std::string newUuid();

/// A fresh version-4 UUID: 122 random bits and no time in it, for records that must not say
/// when they were made (a panel volunteer's, which must not be paired with feedback by time).
std::string newRandomUuid();

/// True for the canonical 8-4-4-4-12 hexadecimal form (either case).
bool isUuid(std::string_view text);

/// Lower-cases a UUID so that the same id in another case is the same id.
std::string canonicalUuid(std::string_view text);

} // namespace wardvoice::common
