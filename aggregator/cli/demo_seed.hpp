// demo-seed: fills an empty database with a realistic month and a half of synthetic ward
// feedback, so that a fresh ./run demo has something for staff to look at.
#pragma once

#include <string>

namespace wardvoice::aggregator {

/// Seeds `dbPath` (which must hold no submissions yet) with feedback over the last `days`
/// days on four wards. Returns the process exit code.
int runDemoSeed(const std::string& dbPath, int days);

} // namespace wardvoice::aggregator
