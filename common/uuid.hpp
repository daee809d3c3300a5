// Random (version 4) UUIDs, and checking ones that arrive from outside.
#pragma once

#include <string>
#include <string_view>

namespace wardvoice::common {

/// A fresh version-4 UUID in canonical lower-case form, from OpenSSL's CSPRNG.
std::string newUuid();

/// True for the canonical 8-4-4-4-12 hexadecimal form (either case).
bool isUuid(std::string_view text);

/// Lower-cases a UUID so that the same id in another case is the same id.
std::string canonicalUuid(std::string_view text);

} // namespace wardvoice::common
