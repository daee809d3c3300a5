// The submissions batch parser and validator: never crashes, and what it accepts re-serialises
// to a batch that parses to the same submissions.
#include "common/wire.hpp"
#include "fuzz_check.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

using namespace wardvoice::common;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    auto batch = wire::parseSubmissionBatch(body);
    if (!batch) {
        FUZZ_CHECK(!batch.error().code.empty());
        return 0;
    }
    const std::string again = wire::serialiseSubmissionBatch(batch->kioskId, batch->submissions);
    auto reparsed = wire::parseSubmissionBatch(again);
    FUZZ_CHECK(reparsed.ok());
    FUZZ_CHECK(reparsed->rejected.empty());
    FUZZ_CHECK(reparsed->submissions.size() == batch->submissions.size());
    for (std::size_t i = 0; i < batch->submissions.size(); ++i) {
        FUZZ_CHECK(wire::toJson(reparsed->submissions[i]) == wire::toJson(batch->submissions[i]));
    }
    return 0;
}
