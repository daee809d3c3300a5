// The safeguarding screen on any text: no crash or hang, a flag always with its reason and a
// class, and a reason that quotes only words of the comment.
#include "common/safeguarding.hpp"
#include "common/utf8.hpp"
#include "fuzz_check.hpp"

#include <cstdint>
#include <string_view>

using namespace wardvoice::common;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    const int rating = size > 0 ? data[0] % 7 : 0;    // 0: none
    (void)screenComment({raw, std::nullopt, "", ""}); // any bytes, even invalid UTF-8
    auto text = utf8::normalise(raw);
    if (!text) {
        return 0;
    }
    ScreenInput in;
    in.comment = text.value();
    if (rating > 0) {
        in.rating = rating;
    }
    in.topic = size % 2 == 0 ? "discharge" : "general";
    const ScreenResult r = screenComment(in);
    FUZZ_CHECK(r.flagged == (r.concern != ConcernClass::None));
    FUZZ_CHECK(r.flagged == !r.reason.empty());
    FUZZ_CHECK(utf8::isValid(r.reason));
    return 0;
}
