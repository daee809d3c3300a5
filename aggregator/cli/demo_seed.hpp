// demo-seed: fills an empty database with a realistic month and a half of synthetic ward
// feedback, so that a fresh ./run demo has something for staff to look at.
#pragma once

#include "aggregator/themes/linear.hpp"

#include <string>

namespace wardvoice::aggregator {

/// A slip of the keyboard in `text`: one letter dropped, swapped with the one before or
/// doubled, somewhere inside a word (texts under 8 bytes are left alone).
std::string keyboardSlip(std::string text, themes::Random& random);

/// Seeds `dbPath` (which must hold no submissions yet) with feedback over the last `days`
/// days on four wards. Returns the process exit code.
int runDemoSeed(const std::string& dbPath, int days);

} // namespace wardvoice::aggregator
