// What the staff API reads from a request before any handler logic: the framing of the request
// itself (head, lengths, chunks), its query period, and its JSON body field by field.
#include "aggregator/api/body_fields.hpp"
#include "aggregator/api/request_framer.hpp"
#include "aggregator/api/staff_gate.hpp"
#include "fuzz_check.hpp"

#include <cstdint>
#include <string>
#include <string_view>

using namespace wardvoice;
using namespace wardvoice::aggregator;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    // 1. framing: whole, and fed in two parts, gives the same answer
    FrameLimits limits;
    limits.maxBodyBytes = 4096;
    limits.maxHeadBytes = 1024;
    RequestFramer whole(limits);
    const auto state = whole.advance(raw);
    RequestFramer parts(limits);
    auto split = parts.advance(raw.substr(0, size / 2));
    if (split == RequestFramer::State::NeedMore) {
        split = parts.advance(raw);
    }
    if (split != RequestFramer::State::Refused || state != RequestFramer::State::Ready) {
        FUZZ_CHECK(split == state || (state == RequestFramer::State::Refused &&
                                      split == RequestFramer::State::Ready));
    }
    if (state == RequestFramer::State::Ready) {
        FUZZ_CHECK(whole.consumed() <= size);
        FUZZ_CHECK(whole.request().size() <= limits.maxHeadBytes + limits.maxBodyBytes + 64);
    }
    // 2. the period of a query: ordered, bounded, whole days
    const std::size_t cut = raw.find('\n');
    httplib::Request req;
    req.params.emplace("since", std::string(raw.substr(0, cut)));
    if (cut != std::string_view::npos) {
        req.params.emplace("until", std::string(raw.substr(cut + 1)));
    }
    std::string error;
    const auto period = staff::periodOf(req, 1'764'000'000, error);
    if (period) {
        FUZZ_CHECK(period->since < period->until);
        FUZZ_CHECK(period->until - period->since <= 400 * staff::kDay);
        FUZZ_CHECK(period->since % staff::kDay == 0 && period->until % staff::kDay == 0);
    } else {
        FUZZ_CHECK(!error.empty());
    }
    // 3. a JSON body, field by field: a value or a named error, never an exception
    auto body = common::wire::parseJsonObject(raw);
    if (body) {
        std::int64_t top = 0;
        std::vector<std::int64_t> ids;
        std::string note;
        std::vector<std::string> wards;
        BodyFields fields(body.value());
        fields.integer("top", 1, 50, 5, top)
            .integers("themes", 0, 1'000'000, 200, ids)
            .text("note", 2000, note)
            .strings("wards", 100, 64, wards);
        if (fields.error()) {
            FUZZ_CHECK(fields.error()->first.rfind("bad_", 0) == 0);
        } else {
            FUZZ_CHECK(top >= 1 && top <= 50);
        }
    }
    (void)pathId(raw);
    return 0;
}
